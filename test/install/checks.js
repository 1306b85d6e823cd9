// What a platform engineer looks at after installing the plugins into a new app: the KPI card and tab of the example
// component, the tab of its system, the leadership page and the admin page with the demo source, and the sidebar
// entries; each page in headless chromium, signed in as the guest, with a screenshot.
const assert = require('node:assert/strict');
const path = require('node:path');
const {
  assertNoSeriousA11yViolations,
  launchBrowser,
  openAsGuest: openAsGuestIn,
} = require('../e2e/browser');

const { KPI_IDS: KPIS } = require('../e2e/kpis');
const COMPONENT = '/catalog/default/component/example-website';
const SYSTEM = '/catalog/default/system/examples';

/** Opens `urlPath` of the installed app as the guest (both templates' sign-in pages have an "Enter" button). */
function openAsGuest(browser, baseUrl, urlPath) {
  return openAsGuestIn(browser, urlPath, { baseUrl, signInTimeout: 60_000 });
}

async function checkCardAndTab(browser, baseUrl, shot) {
  const page = await openAsGuest(browser, baseUrl, COMPONENT);
  const card = page.getByTestId('customer-kpis-card');
  await card.getByTestId('customer-kpis-tiles').waitFor({ timeout: 90_000 });
  for (const kpi of KPIS) {
    const value = await card.getByTestId(`kpi-value-${kpi}`).innerText();
    assert.match(value, /\d/, `the card's ${kpi} tile shows "${value}"`);
  }
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: shot('card') });
  await assertNoSeriousA11yViolations(
    page,
    'the KPI card',
    '[data-testid="customer-kpis-card"]',
  );

  // The sidebar: the leadership page for everyone, the admin page for a user who may manage sources (the guest may,
  // under the new app's allow-all policy).
  await page.getByRole('link', { name: 'Customer KPIs' }).first().waitFor();
  await page.getByRole('link', { name: 'KPI data sources' }).waitFor();

  await page.locator(`a[href$="${COMPONENT}/customer-kpis"]`).click();
  await page.getByTestId('customer-kpis-tab').waitFor({ timeout: 60_000 });
  for (const kpi of KPIS) {
    await page.getByTestId(`kpi-section-${kpi}`).waitFor({ timeout: 60_000 });
  }
  await page.screenshot({ path: shot('component-tab'), fullPage: true });
  await page.close();
}

async function checkSystemTab(browser, baseUrl, shot) {
  const page = await openAsGuest(browser, baseUrl, SYSTEM);
  await page.locator(`a[href$="${SYSTEM}/customer-kpis"]`).click({
    timeout: 60_000,
  });
  await page.getByTestId('customer-kpis-tab').waitFor({ timeout: 60_000 });
  await page.getByTestId('kpi-section-recommend').waitFor({ timeout: 60_000 });
  await page.screenshot({ path: shot('system-tab'), fullPage: true });
  await page.close();
}

async function checkLeadershipPage(browser, baseUrl, shot) {
  const page = await openAsGuest(
    browser,
    baseUrl,
    '/customer-kpis?groupBy=component',
  );
  const row = page.locator(
    '[data-testid="overview-row"][data-ref="component:default/example-website"]',
  );
  await row.waitFor({ timeout: 60_000 });
  assert.match(await row.innerText(), /\d/, 'the row shows KPI values');
  await page.screenshot({ path: shot('leadership'), fullPage: true });
  await page.close();
}

async function checkAdminPage(browser, baseUrl, shot) {
  const page = await openAsGuest(browser, baseUrl, '/customer-kpis/admin');
  const source = page.getByTestId('admin-source-demo');
  await source.waitFor({ timeout: 60_000 });
  assert.match(await source.innerText(), /Demo data/);
  await page.screenshot({ path: shot('admin'), fullPage: true });
  await page.close();
}

/** Runs every check against the app at `baseUrl`; screenshots go to `screenshotDir` as `<prefix>-<what>.png`. */
async function checkInstalledApp({ baseUrl, screenshotDir, prefix }) {
  const shot = what => path.join(screenshotDir, `${prefix}-${what}.png`);
  const browser = await launchBrowser();
  try {
    await checkCardAndTab(browser, baseUrl, shot);
    await checkSystemTab(browser, baseUrl, shot);
    await checkLeadershipPage(browser, baseUrl, shot);
    await checkAdminPage(browser, baseUrl, shot);
  } finally {
    await browser.close();
  }
}

module.exports = { checkInstalledApp };
