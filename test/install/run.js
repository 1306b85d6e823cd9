// `npm run test:install`: installs the plugins into new Backstage apps by the root README's install section, block by
// block as written (test/install/readme.js), once in an app of the new frontend system and once in a legacy app from
// `@backstage/create-app --legacy`; then type-checks each app, fails on any package our plugins install a second copy
// of (test/install/duplicates.js), starts it on free ports and checks the four places in chromium (checks.js).
//
// Environment: INSTALL_TEST_SYSTEMS (`new,legacy` by default), INSTALL_TEST_DIR (the work folder; a folder under the
// system's temp folder by default), INSTALL_TEST_KEEP=1 keeps the apps after a pass (a failed app is always kept).
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { SYSTEMS, applicableDiff, installSteps } = require('./readme');
const { duplicates, newDuplicates } = require('./duplicates');
const { checkInstalledApp } = require('./checks');
const { answers, stopProcessGroup, waitFor } = require('../e2e/portal');

const repoRoot = path.resolve(__dirname, '..', '..');
const workDir = path.resolve(
  process.env.INSTALL_TEST_DIR ??
    path.join(os.tmpdir(), 'customer-kpis-install-test'),
);
const screenshotDir = path.join(workDir, 'screenshots');
// The release manifest that `backstage-cli versions:bump` reads: the versions of release 1.57.0 of every
// `@backstage/*` package that the new-app templates and our packages use. The bump fetches it from the release
// host, which this test may not reach; BACKSTAGE_MANIFEST_FILE is the CLI's own way to hand it over.
const manifestFile = path.join(__dirname, 'backstage-1.57.0-manifest.json');
// The answer to create-app's one question, the app's name (the README names its folder with --path).
const APP_NAME = 'my-backstage-app';

function elapsed(since) {
  return `${Math.round((Date.now() - since) / 1000)} s`;
}

/** The repository's overrides pin the manifest's versions: the repository is built on the release it tests. */
function checkManifestMatchesOverrides() {
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  const versions = new Map(manifest.packages.map(p => [p.name, p.version]));
  const { overrides } = JSON.parse(
    fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'),
  );
  const mismatches = Object.entries(overrides)
    .filter(([name]) => name.startsWith('@backstage/'))
    .filter(([name, version]) => versions.get(name) !== version)
    .map(([name, version]) => `${name} ${version} ≠ ${versions.get(name)}`);
  if (mismatches.length > 0) {
    throw new Error(
      `root overrides differ from release ${
        manifest.releaseVersion
      }: ${mismatches.join(', ')}`,
    );
  }
  return manifest.releaseVersion;
}

/**
 * What the app's commands run with: Node 22 (the version this repository runs on) and yarn 1 (which hands over to the
 * yarn 4 release a new app pins) first on PATH, native addons compiled against that Node's headers, the release
 * manifest for the bump. Both come from the npm registry into the work folder (the `node` package's install script
 * fetches the binary and headers of this platform), apart from this repository's node_modules, which a later
 * `npm install` there may prune.
 */
function toolEnv() {
  const binDir = path.join(workDir, 'bin');
  const toolsDir = path.join(workDir, 'tools');
  const nodeVersion = JSON.parse(
    fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'),
  ).devDependencies.node;
  const nodePackage = path.join(toolsDir, 'node_modules', 'node');
  const headers = path.join(
    nodePackage,
    'node_modules',
    `node-${process.platform}-${process.arch}`,
  );
  const yarn = path.join(toolsDir, 'node_modules', '.bin', 'yarn');
  if (!fs.existsSync(yarn) || !fs.existsSync(path.join(headers, 'include'))) {
    fs.rmSync(toolsDir, { recursive: true, force: true });
    fs.mkdirSync(toolsDir, { recursive: true });
    fs.writeFileSync(
      path.join(toolsDir, 'package.json'),
      '{ "private": true }\n',
    );
    run(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        'yarn@^1.22.22',
        `node@${nodeVersion}`,
      ],
      { cwd: toolsDir },
    );
  }
  fs.rmSync(binDir, { recursive: true, force: true });
  fs.mkdirSync(binDir, { recursive: true });
  fs.symlinkSync(
    path.join(nodePackage, 'bin', 'node'),
    path.join(binDir, 'node'),
  );
  fs.symlinkSync(yarn, path.join(binDir, 'yarn'));
  return {
    ...process.env,
    PATH: `${binDir}${path.delimiter}${process.env.PATH}`,
    npm_config_nodedir: headers,
    BACKSTAGE_MANIFEST_FILE: manifestFile,
    // npx asks before it downloads create-app; a person answers yes.
    npm_config_yes: 'true',
    YARN_ENABLE_IMMUTABLE_INSTALLS: 'false',
    YARN_ENABLE_PROGRESS_BARS: 'false',
    YARN_ENABLE_TELEMETRY: '0',
    BROWSER: 'none',
  };
}

function run(command, args, { cwd, env = process.env, input, log } = {}) {
  const result = spawnSync(command, args, {
    cwd,
    env,
    input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (log) fs.appendFileSync(log, output);
  if (result.status !== 0) {
    const tail = output.trim().split('\n').slice(-40).join('\n');
    throw new Error(
      `${command} ${args.join(' ')} (in ${cwd}) exited with ${
        result.status ?? result.signal
      }:\n${tail}`,
    );
  }
  return output;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Runs the README's start block on free ports, checks the app in chromium, and stops it. */
async function startAndCheck(step, { cwd, env, log, system }) {
  const [appPort, backendPort] = [await freePort(), await freePort()];
  const baseUrl = `http://localhost:${appPort}`;
  const backendUrl = `http://localhost:${backendPort}`;
  const out = fs.openSync(log, 'a');
  const child = spawn('bash', ['-euo', 'pipefail', '-c', step.code], {
    cwd,
    detached: true,
    stdio: ['ignore', out, out],
    env: {
      ...env,
      APP_CONFIG_app_baseUrl: baseUrl,
      APP_CONFIG_backend_baseUrl: backendUrl,
      APP_CONFIG_backend_listen_port: String(backendPort),
      APP_CONFIG_backend_cors_origin: baseUrl,
    },
  });
  const stop = stopProcessGroup(child, 10_000);
  try {
    await waitFor(
      () => answers(`${backendUrl}/.backstage/health/v1/readiness`),
      'the backend answered',
      240_000,
      child,
    );
    await waitFor(
      () => answers(`${backendUrl}/api/customer-kpis/health`),
      'the customer-kpis backend answered',
      60_000,
      child,
    );
    await waitFor(
      () => answers(baseUrl),
      'the frontend answered',
      240_000,
      child,
    );
    await checkInstalledApp({ baseUrl, screenshotDir, prefix: system });
  } finally {
    await stop();
    fs.closeSync(out);
  }
}

/** The README's blocks for one frontend system, in a folder of its own; returns the app's folder. */
async function installInto(system, steps, env, packedOnce) {
  const started = Date.now();
  const dir = path.join(workDir, system);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  // The README's clone of this repository, beside the app.
  fs.symlinkSync(repoRoot, path.join(dir, 'customer-kpis'));
  const log = path.join(workDir, `${system}.log`);
  fs.writeFileSync(log, '');
  const cwdFile = path.join(dir, '.cwd');
  let cwd = dir;
  let baseline;
  const timings = [];
  for (const step of steps.filter(s => s.systems.includes(system))) {
    const stepStarted = Date.now();
    const what = `README line ${step.line} (${step.kind})`;
    fs.appendFileSync(log, `\n=== ${what}\n${step.code}\n`);
    if (baseline === undefined && step.code.includes('customer-kpis')) {
      // The app as it is before our packages: duplicates found now are not ours.
      baseline = duplicates(cwd);
    }
    try {
      if (step.kind === 'sh') {
        // A legacy app is the same command with --legacy, as the README says.
        const code =
          system === 'legacy'
            ? step.code.replace(/(@backstage\/create-app@\S+)/g, '$1 --legacy')
            : step.code;
        run('bash', ['-euo', 'pipefail', '-c', `${code}\npwd > "${cwdFile}"`], {
          cwd,
          env,
          input: `${APP_NAME}\n`,
          log,
        });
        cwd = fs.readFileSync(cwdFile, 'utf8').trim();
      } else if (step.kind === 'repo') {
        if (!packedOnce.has(step.code)) {
          run('bash', ['-euo', 'pipefail', '-c', step.code], {
            cwd: repoRoot,
            env: process.env,
            log,
          });
          packedOnce.add(step.code);
        }
      } else if (step.kind === 'diff') {
        const patch = path.join(dir, `.step-${step.line}.diff`);
        fs.writeFileSync(patch, applicableDiff(step.code));
        run('git', ['apply', '--verbose', patch], { cwd, env, log });
      } else if (step.kind === 'start') {
        run('yarn', ['tsc'], { cwd, env, log });
        timings.push(`tsc ${elapsed(stepStarted)}`);
        const found = newDuplicates(baseline ?? {}, duplicates(cwd));
        if (Object.keys(found).length > 0) {
          throw new Error(
            `our packages install second copies:\n${JSON.stringify(
              found,
              null,
              2,
            )}`,
          );
        }
        const checksStarted = Date.now();
        await startAndCheck(step, { cwd, env, log, system });
        timings.push(`start and browser checks ${elapsed(checksStarted)}`);
        continue;
      }
    } catch (error) {
      throw new Error(`${system} app, ${what}: ${error.message}\nlog: ${log}`);
    }
    timings.push(`line ${step.line} ${elapsed(stepStarted)}`);
  }
  console.log(
    `test:install: ${system} app passed in ${elapsed(started)} (${timings.join(
      ', ',
    )})`,
  );
  return dir;
}

async function main() {
  const started = Date.now();
  const systems = (process.env.INSTALL_TEST_SYSTEMS ?? SYSTEMS.join(','))
    .split(',')
    .map(s => s.trim());
  const release = checkManifestMatchesOverrides();
  const steps = installSteps(path.join(repoRoot, 'README.md'));
  const bump = steps.find(s => s.code.includes('versions:bump'));
  if (!bump?.code.includes(`--release ${release}`)) {
    throw new Error(
      `the README's bump does not name release ${release}, the one this repository is built on`,
    );
  }
  fs.mkdirSync(screenshotDir, { recursive: true });
  const env = toolEnv();
  console.log(
    `test:install: ${steps.length} README blocks, apps: ${systems.join(
      ', ',
    )}; work folder ${workDir}`,
  );
  const packedOnce = new Set();
  for (const system of systems) {
    if (!SYSTEMS.includes(system)) throw new Error(`unknown system ${system}`);
    const dir = await installInto(system, steps, env, packedOnce);
    if (!process.env.INSTALL_TEST_KEEP) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(
    `test:install: passed in ${elapsed(
      started,
    )}; screenshots in ${screenshotDir}`,
  );
}

main().catch(error => {
  console.error(`test:install FAILED: ${error.message}`);
  process.exit(1);
});
