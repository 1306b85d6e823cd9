// Reads the install steps out of the root README: the code blocks between `<!-- install-test:start -->` and
// `<!-- install-test:end -->`. `<!-- install-test:systems new legacy -->` says which apps the blocks after it are run
// in; `<!-- install-test:skip -->` right after a block marks it as reading only (an example to adapt). Every other
// block is a step: `sh` runs in the app (or, titled "in the clone of this repository", in this repository), `diff`
// is applied to the app's files, `sh title="start"` starts the app. A block of another kind fails the parse, so that
// nothing in the section goes untested by accident.
const fs = require('node:fs');

const SYSTEMS = ['new', 'legacy'];
const FENCE = /^```(\w+)(?:\s+title="([^"]*)")?\s*$/;

/** The install section's steps: `{ kind: 'sh'|'repo'|'diff'|'start', code, systems, line }`, in README order. */
function installSteps(readmePath) {
  const lines = fs.readFileSync(readmePath, 'utf8').split('\n');
  const start = lines.indexOf('<!-- install-test:start -->');
  const end = lines.indexOf('<!-- install-test:end -->');
  if (start < 0 || end < start) {
    throw new Error(`${readmePath} has no install-test:start … end section`);
  }
  const steps = [];
  let systems = SYSTEMS;
  for (let i = start + 1; i < end; i++) {
    const marker = lines[i].match(/^<!-- install-test:(\S+)(.*?) -->$/);
    if (marker) {
      const [, name, rest] = marker;
      if (name === 'systems') {
        systems = rest.trim().split(/\s+/);
        const unknown = systems.filter(s => !SYSTEMS.includes(s));
        if (unknown.length > 0) {
          throw new Error(`README line ${i + 1}: unknown system ${unknown}`);
        }
      } else if (name === 'skip') {
        const last = steps[steps.length - 1];
        if (!last || last.skipped !== false) {
          throw new Error(`README line ${i + 1}: skip follows no code block`);
        }
        last.skipped = true;
      } else {
        throw new Error(`README line ${i + 1}: unknown marker ${name}`);
      }
      continue;
    }
    const fence = lines[i].match(FENCE);
    if (!fence) continue;
    const [, lang, title] = fence;
    const body = [];
    const line = i + 1;
    for (i++; i < end && lines[i] !== '```'; i++) body.push(lines[i]);
    if (i >= end) throw new Error(`README line ${line}: unclosed code block`);
    steps.push({
      kind: kindOf(lang, title),
      code: `${body.join('\n')}\n`,
      systems,
      line,
      skipped: false,
    });
  }
  return steps.filter(step => {
    if (step.skipped) return false;
    if (step.kind === undefined) {
      throw new Error(
        `README line ${step.line}: a code block the install test cannot run; mark it <!-- install-test:skip --> if it is an example`,
      );
    }
    return true;
  });
}

function kindOf(lang, title) {
  if (lang === 'diff' && !title) return 'diff';
  if (lang === 'sh' && !title) return 'sh';
  if (lang === 'sh' && title === 'in the clone of this repository') {
    return 'repo';
  }
  if (lang === 'sh' && title === 'start') return 'start';
  return undefined;
}

/**
 * A diff as `git apply` takes it. Prettier strips the one-space prefix of blank context lines in Markdown; put it
 * back.
 */
function applicableDiff(code) {
  return code
    .split('\n')
    .map((line, i, all) => (line === '' && i < all.length - 1 ? ' ' : line))
    .join('\n');
}

module.exports = { SYSTEMS, applicableDiff, installSteps };
