// Starts the demo portal for the end-to-end tests (backend on 7007 and frontend dev server on 3000 unless given other
// ports, each its own `backstage-cli repo start <package>` process group), waits until both answer and the guest
// sign-in resolves through the example catalog, restarts the backend alone with other config, and stops what it
// started.
const { spawn } = require('node:child_process');
const path = require('node:path');
const fs = require('node:fs');

const root = path.resolve(__dirname, '..', '..');
const FRONTEND_URL = 'http://localhost:3000';
const BACKEND_URL = 'http://localhost:7007';
const readinessUrl = backendUrl =>
  `${backendUrl}/.backstage/health/v1/readiness`;

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
async function guestSession(backendUrl = BACKEND_URL) {
  const res = await fetch(`${backendUrl}/api/auth/guest/refresh`, {
    method: 'POST',
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
    signal: AbortSignal.timeout(5000),
  });
  if (!res.ok) throw new Error(`guest sign-in answered ${res.status}`);
  return (await res.json()).backstageIdentity;
}

/** The identity the guest sign-in gives now: `{ userEntityRef, ownershipEntityRefs }`, or undefined. */
async function guestIdentity(backendUrl = BACKEND_URL) {
  try {
    return (await guestSession(backendUrl))?.identity;
  } catch {
    return undefined;
  }
}

/**
 * Until the catalog has processed the guest's user entity, the sign-in falls back to a token that owns only the user
 * itself, without its groups, and a session opened then keeps it: wait for a sign-in that carries a group.
 */
async function waitForCatalogSignIn(timeoutMs, child, backendUrl) {
  await waitFor(
    async () =>
      (
        await guestIdentity(backendUrl)
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
 * The config that moves both processes to other ports (the benchmark's portal beside the e2e suite's), or none for
 * the defaults of app-config.yaml.
 */
function portEnv(frontendPort, backendPort) {
  if (frontendPort === undefined && backendPort === undefined) return {};
  const frontendUrl = `http://localhost:${frontendPort ?? 3000}`;
  const backendUrl = `http://localhost:${backendPort ?? 7007}`;
  return {
    APP_CONFIG_app_baseUrl: JSON.stringify(frontendUrl),
    APP_CONFIG_backend_baseUrl: JSON.stringify(backendUrl),
    APP_CONFIG_backend_listen_port: String(backendPort ?? 7007),
    APP_CONFIG_backend_cors_origin: JSON.stringify(frontendUrl),
  };
}

/**
 * Starts the portal unless one already answers; `env` is extra environment of the backend (such as `APP_CONFIG_*`
 * overrides); `frontendPort` and `backendPort` move the portal off 3000 and 7007. Resolves to
 * `{ stop, restartBackend, frontendUrl, backendUrl }`; `restartBackend(extraEnv)` starts the backend again with `env`
 * and `extraEnv` on top, and is undefined for a portal that this runner did not start.
 */
async function startPortal({
  logFile,
  env = {},
  timeoutMs = 180_000,
  frontendPort,
  backendPort,
} = {}) {
  const ports = portEnv(frontendPort, backendPort);
  const frontendUrl = frontendPort
    ? `http://localhost:${frontendPort}`
    : FRONTEND_URL;
  const backendUrl = backendPort
    ? `http://localhost:${backendPort}`
    : BACKEND_URL;
  const READINESS_URL = readinessUrl(backendUrl);
  if ((await answers(READINESS_URL)) && (await answers(frontendUrl))) {
    await waitForCatalogSignIn(timeoutMs, undefined, backendUrl);
    return {
      stop: async () => {},
      restartBackend: undefined,
      frontendUrl,
      backendUrl,
    };
  }
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.openSync(logFile, 'w');
  let backend = startPackage('backend', log, { ...ports, ...env });
  const frontend = startPackage('app', log, ports);
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
    await waitForCatalogSignIn(timeoutMs, backend.child, backendUrl);
  };
  try {
    await backendReady();
    await waitFor(
      () => answers(frontendUrl),
      `${frontendUrl} answered`,
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
    backend = startPackage('backend', log, { ...ports, ...env, ...extraEnv });
    try {
      await backendReady();
    } catch (error) {
      throw new Error(`${error.message}; see ${logFile}`);
    }
  };
  return { stop, restartBackend, frontendUrl, backendUrl };
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
