// Starts the demo portal for the end-to-end tests (backend on 7007 and frontend dev server on 3000, each its own
// `backstage-cli repo start <package>` process group), waits until both answer and the guest sign-in resolves through
// the example catalog, restarts the backend alone with other config, and stops what it started.
const { spawn } = require('node:child_process');
const path = require('node:path');
const fs = require('node:fs');

const root = path.resolve(__dirname, '..', '..');
const FRONTEND_URL = 'http://localhost:3000';
const BACKEND_URL = 'http://localhost:7007';
const READINESS_URL = `${BACKEND_URL}/.backstage/health/v1/readiness`;

async function answers(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

async function waitFor(check, what, timeoutMs, child) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) {
      throw new Error(
        `the portal exited with code ${child.exitCode} before ${what}`,
      );
    }
    if (await check()) return;
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(`${what} did not happen within ${timeoutMs / 1000} s`);
}

/** Signs in as the guest through the API: `{ identity: { userEntityRef, ownershipEntityRefs }, token }`. */
async function guestSession() {
  const res = await fetch(`${BACKEND_URL}/api/auth/guest/refresh`, {
    method: 'POST',
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
    signal: AbortSignal.timeout(5000),
  });
  if (!res.ok) throw new Error(`guest sign-in answered ${res.status}`);
  return (await res.json()).backstageIdentity;
}

/** The identity the guest sign-in gives now: `{ userEntityRef, ownershipEntityRefs }`, or undefined. */
async function guestIdentity() {
  try {
    return (await guestSession())?.identity;
  } catch {
    return undefined;
  }
}

/**
 * Until the catalog has processed the guest's user entity, the sign-in falls back to a token that owns only the user
 * itself, without its groups, and a session opened then keeps it: wait for a sign-in that carries a group.
 */
async function waitForCatalogSignIn(timeoutMs, child) {
  await waitFor(
    async () =>
      (
        await guestIdentity()
      )?.ownershipEntityRefs?.some(ref => ref.startsWith('group:')),
    'the guest sign-in resolved through the catalog',
    timeoutMs,
    child,
  );
}

/** Starts one package of the repo as its own process group; resolves to its child process and a stop function. */
function startPackage(name, log, env) {
  const child = spawn('npm', ['start', '--', name], {
    cwd: root,
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...process.env, BROWSER: 'none', ...env },
  });
  const stop = stopProcessGroup(child, 5000);
  return { child, stop };
}

/**
 * A stop function for a child started `detached` (its own process group): SIGTERM to the group, SIGKILL if it has not
 * exited after `graceMs`.
 */
function stopProcessGroup(child, graceMs) {
  const exited = new Promise(resolve => child.once('exit', resolve));
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    process.kill(-child.pid, 'SIGTERM');
    const timeout = new Promise(r => setTimeout(() => r('timeout'), graceMs));
    if ((await Promise.race([exited, timeout])) === 'timeout') {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await exited;
    }
  };
}

/**
 * Starts the portal unless one already answers; `env` is extra environment of the backend (such as `APP_CONFIG_*`
 * overrides). Resolves to `{ stop, restartBackend }`; `restartBackend(extraEnv)` starts the backend again with `env`
 * and `extraEnv` on top, and is undefined for a portal that this runner did not start.
 */
async function startPortal({ logFile, env = {}, timeoutMs = 180_000 } = {}) {
  if ((await answers(READINESS_URL)) && (await answers(FRONTEND_URL))) {
    await waitForCatalogSignIn(timeoutMs);
    return { stop: async () => {}, restartBackend: undefined };
  }
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.openSync(logFile, 'w');
  let backend = startPackage('backend', log, env);
  const frontend = startPackage('app', log);
  const stop = async () => {
    await Promise.all([backend.stop(), frontend.stop()]);
  };
  const backendReady = async () => {
    await waitFor(
      () => answers(READINESS_URL),
      `${READINESS_URL} answered`,
      timeoutMs,
      backend.child,
    );
    await waitForCatalogSignIn(timeoutMs, backend.child);
  };
  try {
    await backendReady();
    await waitFor(
      () => answers(FRONTEND_URL),
      `${FRONTEND_URL} answered`,
      timeoutMs,
      frontend.child,
    );
  } catch (error) {
    await stop();
    throw new Error(`${error.message}; see ${logFile}`);
  }
  const restartBackend = async extraEnv => {
    await backend.stop();
    await waitFor(
      async () => !(await answers(READINESS_URL)),
      'the old backend stopped',
      30_000,
    );
    // Only the names of the environment go to the log: values may hold (test) secrets.
    fs.writeSync(
      log,
      `\n--- backend restarted with ${Object.keys(extraEnv).join(', ')}\n`,
    );
    backend = startPackage('backend', log, { ...env, ...extraEnv });
    try {
      await backendReady();
    } catch (error) {
      throw new Error(`${error.message}; see ${logFile}`);
    }
  };
  return { stop, restartBackend };
}

module.exports = {
  answers,
  startPortal,
  stopProcessGroup,
  waitFor,
  guestIdentity,
  guestSession,
  FRONTEND_URL,
  BACKEND_URL,
};
