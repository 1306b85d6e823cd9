// Headless Debian chromium driven by playwright-core, and the guest sign-in of the demo portal.
const { chromium } = require('playwright-core');
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
 * headless chromium, so every test opens its target URL and signs in there.
 */
async function openAsGuest(browser, urlPath) {
  const page = await browser.newPage({
    viewport: { width: 1440, height: 960 },
  });
  await page.goto(`${FRONTEND_URL}${urlPath}`);
  await page.getByRole('button', { name: 'Enter' }).click();
  return page;
}

function screenshotPath(name) {
  return path.join(SCREENSHOTS, `${name}.png`);
}

module.exports = { launchBrowser, openAsGuest, screenshotPath };
