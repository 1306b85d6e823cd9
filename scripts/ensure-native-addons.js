// Postinstall: makes sure better-sqlite3 loads under the Node that runs the project (the "node"
// devDependency, 22.x). node-gyp cannot download headers here, so a failed load is repaired by
// rebuilding the addon against the headers that ship inside the installed Node package.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(
    `customer-kpis postinstall: expected Node 22 from the "node" devDependency on PATH, got ${process.version}.`,
  );
  process.exit(1);
}

function loads() {
  const probe = spawnSync(
    process.execPath,
    [
      '-e',
      "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()",
    ],
    { cwd: root, stdio: 'pipe', encoding: 'utf8' },
  );
  return probe.status === 0
    ? undefined
    : probe.stderr.split('\n').slice(0, 3).join('\n');
}

const nodePackage = path.join(root, 'node_modules', 'node');

function headersDir() {
  // Where the running node keeps include/node: the node-<platform> package or a system install.
  const nodePackageModules = path.join(nodePackage, 'node_modules');
  const candidates = [
    path.resolve(path.dirname(process.execPath), '..'),
    ...(fs.existsSync(nodePackageModules)
      ? fs.readdirSync(nodePackageModules, { withFileTypes: true })
      : []
    )
      .filter(d => d.isDirectory() && d.name.startsWith('node-'))
      .map(d => path.join(nodePackageModules, d.name)),
  ];
  return candidates.find(dir =>
    fs.existsSync(path.join(dir, 'include', 'node', 'node_api.h')),
  );
}

if (!fs.existsSync(path.join(root, 'node_modules', 'better-sqlite3'))) {
  process.exit(0);
}
const failure = loads();
if (!failure) {
  console.log(
    `customer-kpis postinstall: better-sqlite3 loads under Node ${process.version}`,
  );
  process.exit(0);
}
// The headers come with the node-<platform> package that the "node" package's preinstall installs outside the
// lockfile, so a later incremental `npm install` prunes them: install them again the same way.
function restoreHeaders() {
  console.log(
    'customer-kpis postinstall: Node headers missing (pruned by an incremental npm install); installing them again',
  );
  spawnSync(process.execPath, ['installArchSpecificPackage'], {
    cwd: nodePackage,
    stdio: 'inherit',
  });
  return headersDir();
}

const nodedir = headersDir() ?? restoreHeaders();
if (!nodedir) {
  console.error(
    `customer-kpis postinstall: better-sqlite3 does not load and no Node headers were found:\n${failure}`,
  );
  process.exit(1);
}
console.log(
  `customer-kpis postinstall: rebuilding better-sqlite3 against ${nodedir} (about a minute)`,
);
const rebuild = spawnSync(
  'npm',
  ['rebuild', 'better-sqlite3', `--nodedir=${nodedir}`],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
const after = rebuild.status === 0 ? loads() : 'npm rebuild failed';
if (after) {
  console.error(
    `customer-kpis postinstall: better-sqlite3 still does not load:\n${after}`,
  );
  process.exit(1);
}
console.log('customer-kpis postinstall: better-sqlite3 rebuilt and loads');
