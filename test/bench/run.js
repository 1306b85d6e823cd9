// `npm run bench`: runs bench.ts under the Backstage CLI's TypeScript transform, on Node 22.
require('../../scripts/check-node.js');
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const result = spawnSync(
  process.execPath,
  [
    '--require',
    '@backstage/cli/config/nodeTransform.cjs',
    path.join(__dirname, 'bench.ts'),
  ],
  { stdio: 'inherit', cwd: path.resolve(__dirname, '..', '..') },
);
process.exit(result.status ?? 1);
