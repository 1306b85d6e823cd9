// Runs the end-to-end tests: starts the demo portal once, runs every test/e2e/*.test.js with node's
// test runner in one process at a time, and stops the portal.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { startPortal } = require('./portal');

async function main() {
  const files = fs
    .readdirSync(__dirname)
    .filter(f => f.endsWith('.test.js'))
    .map(f => path.join(__dirname, f));
  const logFile = path.join(__dirname, '.tmp', 'portal.log');
  console.log(
    `e2e: starting the portal (log: ${path.relative(process.cwd(), logFile)})`,
  );
  const stop = await startPortal({ logFile });
  let status = 1;
  try {
    const run = spawnSync(
      process.execPath,
      ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
      { stdio: 'inherit' },
    );
    status = run.status ?? 1;
  } finally {
    await stop();
  }
  process.exit(status);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
