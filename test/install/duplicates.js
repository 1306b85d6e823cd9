// Which packages an app has installed in more than one version: every `@backstage/*` package, React, React Router,
// MUI (4 and 5) and emotion, found by walking node_modules (the app's and its workspaces') as Node resolves them.
const fs = require('node:fs');
const path = require('node:path');

const WATCHED = new Set([
  'react',
  'react-dom',
  'react-router',
  'react-router-dom',
  '@mui/material',
  '@mui/system',
  '@material-ui/core',
  '@emotion/react',
  '@emotion/styled',
]);

function watched(name) {
  return name.startsWith('@backstage/') || WATCHED.has(name);
}

function readManifest(dir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

/** `Map<name, Map<version, string[] (folders)>>` of the watched packages under `appDir`. */
function installedVersions(appDir) {
  const found = new Map();
  const visit = (dir, name) => {
    const manifest = readManifest(dir);
    if (!manifest) return;
    if (watched(name)) {
      const versions = found.get(name) ?? new Map();
      versions.set(manifest.version, [
        ...(versions.get(manifest.version) ?? []),
        path.relative(appDir, dir),
      ]);
      found.set(name, versions);
    }
    walk(path.join(dir, 'node_modules'));
  };
  const walk = modulesDir => {
    let entries;
    try {
      entries = fs.readdirSync(modulesDir);
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.startsWith('.')) continue;
      const dir = path.join(modulesDir, entry);
      if (entry.startsWith('@')) {
        for (const scoped of fs.readdirSync(dir)) {
          visit(path.join(dir, scoped), `${entry}/${scoped}`);
        }
      } else {
        visit(dir, entry);
      }
    }
  };
  walk(path.join(appDir, 'node_modules'));
  for (const workspaces of ['packages', 'plugins']) {
    let folders = [];
    try {
      folders = fs.readdirSync(path.join(appDir, workspaces));
    } catch {
      // no such folder
    }
    for (const folder of folders) {
      walk(path.join(appDir, workspaces, folder, 'node_modules'));
    }
  }
  return found;
}

/** The watched packages installed in more than one version: `{ name: { version: folders } }`. */
function duplicates(appDir) {
  const result = {};
  for (const [name, versions] of installedVersions(appDir)) {
    if (versions.size > 1) result[name] = Object.fromEntries(versions);
  }
  return result;
}

/** The packages duplicated in `after` and not in `before`, or with more versions than before. */
function newDuplicates(before, after) {
  return Object.fromEntries(
    Object.entries(after).filter(
      ([name, versions]) =>
        Object.keys(versions).length > Object.keys(before[name] ?? {}).length,
    ),
  );
}

module.exports = { duplicates, newDuplicates };
