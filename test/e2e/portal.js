// Starts the demo portal (`npm start`: backend on 7007, frontend dev server on 3000) for the
// end-to-end tests, waits until both answer, and stops the whole process group afterwards.
const { spawn } = require('node:child_process');
const path = require('node:path');
const fs = require('node:fs');

const root = path.resolve(__dirname, '..', '..');
const FRONTEND_URL = 'http://localhost:3000';
const BACKEND_URL = 'http://localhost:7007';

async function answers(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

async function waitFor(url, timeoutMs, child) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `the portal exited with code ${child.exitCode} before ${url} answered`,
      );
    }
    if (await answers(url)) return;
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

/** Starts the portal unless one already answers; resolves to a stop function. */
async function startPortal({ logFile, timeoutMs = 180_000 } = {}) {
  if (
    (await answers(`${BACKEND_URL}/.backstage/health/v1/readiness`)) &&
    (await answers(FRONTEND_URL))
  ) {
    return async () => {};
  }
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.openSync(logFile, 'w');
  const child = spawn('npm', ['start'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...process.env, BROWSER: 'none' },
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    process.kill(-child.pid, 'SIGTERM');
    await new Promise(r => setTimeout(r, 2000));
    if (child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  try {
    await waitFor(
      `${BACKEND_URL}/.backstage/health/v1/readiness`,
      timeoutMs,
      child,
    );
    await waitFor(FRONTEND_URL, timeoutMs, child);
  } catch (error) {
    await stop();
    throw new Error(`${error.message}; see ${logFile}`);
  }
  return stop;
}

module.exports = { startPortal, FRONTEND_URL, BACKEND_URL };
