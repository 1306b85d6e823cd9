// Fails fast when a script runs on a Node other than the project's (22), which would load the
// native addons built for another ABI and die with an obscure error later.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(
    `customer-kpis: this project runs on Node 22 or newer, but this script runs on ${process.version}.\n` +
      'Run it through npm (npm test, npm start, npm run ...), which puts the Node 22 from the "node" devDependency first on PATH.',
  );
  process.exit(1);
}
