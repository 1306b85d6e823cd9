// Runs the end-to-end tests: starts the demo portal once and runs every test/e2e/*.test.js as the guest (a platform
// engineer); then restarts the backend so that the guest sign-in is user:default/visitor, outside the platform group,
// and runs every *.visitor.test.js; stops the portal. Node's test runner, one file at a time.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { startPortal } = require('./portal');
const { fakeCredentialsEnv } = require('./fakes/credentials');

/** The backend's config override for the visitor phase (Backstage reads `APP_CONFIG_*` as config). */
const VISITOR_ENV = {
  APP_CONFIG_auth_providers_guest_userEntityRef: '"user:default/visitor"',
};

function runTests(files) {
  const run = spawnSync(
    process.execPath,
    ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
    { stdio: 'inherit' },
  );
  return run.status ?? 1;
}

async function main() {
  const files = fs
    .readdirSync(__dirname)
    .filter(f => f.endsWith('.test.js'))
    .map(f => path.join(__dirname, f));
  const visitorFiles = files.filter(f => f.endsWith('.visitor.test.js'));
  const guestFiles = files.filter(f => !visitorFiles.includes(f));
  const logFile = path.join(__dirname, '.tmp', 'portal.log');
  console.log(
    `e2e: starting the portal (log: ${path.relative(process.cwd(), logFile)})`,
  );
  // The credentials of the fake vendor servers (test/e2e/fakes), kept on the visitor restart too.
  const portal = await startPortal({ logFile, env: fakeCredentialsEnv() });
  let status = 1;
  try {
    status = runTests(guestFiles);
    if (!portal.restartBackend) {
      console.log(
        `e2e: SKIPPED ${visitorFiles.length} visitor test file(s): the portal was already running, so its backend ` +
          'cannot be restarted as user:default/visitor; stop it and run again',
      );
    } else if (visitorFiles.length > 0) {
      console.log(
        'e2e: restarting the backend with the guest signed in as user:default/visitor',
      );
      await portal.restartBackend(VISITOR_ENV);
      status = Math.max(status, runTests(visitorFiles));
    }
  } finally {
    await portal.stop();
  }
  process.exit(status);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
