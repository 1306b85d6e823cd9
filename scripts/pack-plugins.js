#!/usr/bin/env node
// `npm run pack:plugins`: builds every publishable package (plugins/*) and writes its tarball to dist-packages/, named
// after the package without its scope (`backstage-plugin-customer-kpis-backend.tgz`), so that an app can install them
// without a registry (README, "Install into your own Backstage app"). Each tarball is checked for what a portal needs:
// README, LICENSE, the built code and its types, and for the backend its migrations and config schema.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const outDir = path.resolve(
  root,
  process.env.PACK_DESTINATION ?? 'dist-packages',
);

function run(command, args, cwd = root) {
  return execFileSync(command, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** The publishable packages: every non-private workspace under plugins/. */
function publishablePackages() {
  const pluginsDir = path.join(root, 'plugins');
  return fs
    .readdirSync(pluginsDir)
    .map(folder => path.join(pluginsDir, folder))
    .filter(dir => fs.existsSync(path.join(dir, 'package.json')))
    .map(dir => ({
      dir,
      manifest: JSON.parse(
        fs.readFileSync(path.join(dir, 'package.json'), 'utf8'),
      ),
    }))
    .filter(({ manifest }) => !manifest.private);
}

/** What a tarball must hold, by the package's Backstage role: the labels of the entries it lacks. */
function missingEntries(manifest, files) {
  const checks = [
    ['README.md', files.includes('README.md')],
    ['LICENSE', files.includes('LICENSE')],
    ['dist/index.d.ts', files.includes('dist/index.d.ts')],
    [
      'dist/index.*.js',
      files.some(f => /^dist\/index\.(cjs|esm)\.js$/.test(f)),
    ],
  ];
  if (manifest.backstage?.role === 'backend-plugin') {
    checks.push(
      ['migrations/', files.some(f => f.startsWith('migrations/'))],
      ['config.schema.json', files.includes('config.schema.json')],
    );
  }
  return checks.filter(([, ok]) => !ok).map(([label]) => label);
}

function main() {
  const packages = publishablePackages();
  console.log(`Type-checking and building ${packages.length} packages`);
  run('tsc', []);
  run('backstage-cli', ['repo', 'build']);

  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const problems = [];
  for (const { dir, manifest } of packages) {
    // npm runs the package's prepack (backstage-cli package prepack: main, types and exports point at dist) and
    // postpack (restores package.json).
    const [packed] = JSON.parse(
      run('npm', ['pack', '--json', '--pack-destination', outDir], dir),
    );
    const target = `${manifest.name.replace(/^@[^/]+\//, '')}.tgz`;
    fs.renameSync(
      path.join(outDir, packed.filename),
      path.join(outDir, target),
    );
    const files = packed.files.map(f => f.path);
    const missing = missingEntries(manifest, files);
    if (missing.length > 0) {
      problems.push(`${target} lacks ${missing.join(', ')}`);
    }
    console.log(
      `${target.padEnd(72)} ${String(packed.entryCount).padStart(4)} files ${(
        packed.size / 1024
      ).toFixed(0)} kB`,
    );
  }
  if (problems.length > 0) {
    throw new Error(`Incomplete tarballs:\n${problems.join('\n')}`);
  }
  console.log(`Wrote ${packages.length} tarballs to ${outDir}`);
}

main();
