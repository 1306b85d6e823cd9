// Headless Debian chromium driven by playwright-core, and the guest sign-in of the demo portal.
const { chromium } = require('playwright-core');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { FRONTEND_URL } = require('./portal');

const SCREENSHOTS = path.join(__dirname, 'screenshots');

async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
    ],
  });
}

/**
 * Opens a portal path as the guest user. The guest session does not survive a full reload in
 * headless chromium, so every test opens its target URL and signs in there. `baseUrl` is another app's (the install
 * test's); `signInTimeout` bounds the wait for the sign-in button (playwright's default unless given).
 */
async function openAsGuest(
  browser,
  urlPath,
  { baseUrl = FRONTEND_URL, signInTimeout } = {},
) {
  const page = await browser.newPage({
    viewport: { width: 1440, height: 960 },
  });
  await page.goto(`${baseUrl}${urlPath}`);
  await page
    .getByRole('button', { name: 'Enter' })
    .click(signInTimeout === undefined ? {} : { timeout: signInTimeout });
  return page;
}

function screenshotPath(name) {
  return path.join(SCREENSHOTS, `${name}.png`);
}

let axeSource;

/**
 * Runs axe-core on the page as it is now and fails on serious or critical violations, naming each rule and where it
 * hit. Moderate and minor findings (the app shell's landmarks, for one) are printed, not failed. `include` limits
 * the audit to the elements a CSS selector matches.
 */
async function assertNoSeriousA11yViolations(page, what, include) {
  axeSource ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async selector => {
    const result = await window.axe.run(
      selector ? { include: [selector] } : document,
      { resultTypes: ['violations'] },
    );
    return result.violations.map(v => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
    }));
  }, include);
  const serious = violations.filter(v =>
    ['serious', 'critical'].includes(v.impact),
  );
  const others = violations.filter(v => !serious.includes(v));
  if (others.length > 0) {
    console.log(
      `axe on ${what}: ${others.map(v => `${v.id} (${v.impact})`).join(', ')}`,
    );
  }
  assert.deepEqual(serious, [], `axe finds serious violations on ${what}`);
}

module.exports = {
  assertNoSeriousA11yViolations,
  launchBrowser,
  openAsGuest,
  screenshotPath,
};
