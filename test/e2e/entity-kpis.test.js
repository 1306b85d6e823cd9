// The customer KPIs of a component fed by the demo data source: the card's seven tiles on the overview, and the
// "Customer KPIs" tab switched to a 30-day window. Relies on the data-testid hooks of plugins/customer-kpis.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const {
  assertNoSeriousA11yViolations,
  launchBrowser,
  openAsGuest,
  screenshotPath,
} = require('./browser');

const { KPI_IDS: KPIS } = require('./kpis');

/** 'YYYY-MM-DD' → milliseconds since the epoch (UTC). */
function dayToMs(day) {
  return Date.parse(`${day}T00:00:00Z`);
}

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('a component shows its seven customer KPIs in a card and in the Customer KPIs tab', async () => {
  const page = await openAsGuest(
    browser,
    '/catalog/default/component/checkout-service',
  );

  // The card: seven tiles, each with a value (the demo source feeds every example component).
  const card = page.getByTestId('customer-kpis-card');
  await card.waitFor({ timeout: 60_000 });
  await card.getByTestId('customer-kpis-tiles').waitFor({ timeout: 60_000 });
  assert.equal(await card.locator('[data-testid^="kpi-tile-"]').count(), 7);
  for (const kpi of KPIS) {
    const tile = card.getByTestId(`kpi-tile-${kpi}`);
    await tile.waitFor();
    const value = (
      await tile.getByTestId(`kpi-value-${kpi}`).innerText()
    ).trim();
    assert.match(value, /\d/, `the ${kpi} tile shows a number, not "${value}"`);
    const n = (await tile.getByTestId(`kpi-n-${kpi}`).innerText()).trim();
    assert.match(
      n,
      /^n = [1-9]/,
      `the ${kpi} tile shows its sample size, not "${n}"`,
    );
  }
  assert.equal(await page.getByTestId('customer-kpis-setup-hint').count(), 0);
  assert.equal(await page.getByTestId('customer-kpis-error').count(), 0);
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: screenshotPath('entity-kpi-card') });
  await assertNoSeriousA11yViolations(page, 'the component page with its card');

  // The tab: a section per KPI over 90 days by default.
  // The entity page's tabs are links; the sidebar has a "Customer KPIs" link too (the leadership page).
  await page
    .locator(
      'a[href$="/catalog/default/component/checkout-service/customer-kpis"]',
    )
    .click();
  await page.waitForURL(
    '**/catalog/default/component/checkout-service/customer-kpis',
  );
  await page.getByTestId('customer-kpis-tab').waitFor({ timeout: 30_000 });
  for (const kpi of KPIS) {
    await page.getByTestId(`kpi-section-${kpi}`).waitFor({ timeout: 30_000 });
  }

  // Switching the window to 30 days asks for daily series of 30 days.
  const dailySeries = page.waitForResponse(
    response =>
      /\/kpis\/[a-z-]+\/series\?/.test(response.url()) &&
      response.url().includes('granularity=day'),
    { timeout: 30_000 },
  );
  await page.getByTestId('customer-kpis-window-30d').click();
  const response = await dailySeries;
  assert.equal(response.status(), 200);
  const query = new URL(response.url()).searchParams;
  assert.equal(
    (dayToMs(query.get('to')) - dayToMs(query.get('from'))) / 86_400_000,
    29,
  );
  assert.equal(
    await page
      .getByTestId('customer-kpis-window-30d')
      .getAttribute('aria-pressed'),
    'true',
  );
  await page
    .getByTestId('customer-kpis-loading')
    .waitFor({ state: 'detached', timeout: 30_000 });
  await page.getByTestId('kpi-nps-breakdown').waitFor({ timeout: 30_000 });
  await page
    .getByTestId('customer-kpis-freshness')
    .waitFor({ timeout: 30_000 });
  await page.screenshot({
    path: screenshotPath('entity-kpi-tab'),
    fullPage: true,
  });
  await assertNoSeriousA11yViolations(page, 'the Customer KPIs tab');
});

test("a system's Customer KPIs tab draws every KPI pooled over its components (no chart without data)", async () => {
  const page = await openAsGuest(
    browser,
    '/catalog/default/system/online-storefront/customer-kpis',
  );
  await page.getByTestId('customer-kpis-tab').waitFor({ timeout: 60_000 });
  await page
    .getByTestId('customer-kpis-loading')
    .waitFor({ state: 'detached', timeout: 30_000 });
  for (const kpi of KPIS) {
    const section = page.getByTestId(`kpi-section-${kpi}`);
    await section.waitFor({ timeout: 30_000 });
    // Each section has a chart of its series, and never the text of a series without points.
    await section.getByTestId(`kpi-chart-${kpi}`).waitFor({ timeout: 30_000 });
    assert.equal(
      await section.getByText('No data in this window.').count(),
      0,
      `${kpi} of the system has a series with data`,
    );
  }
  await page.screenshot({
    path: screenshotPath('system-kpi-tab'),
    fullPage: true,
  });
  await assertNoSeriousA11yViolations(page, "a system's Customer KPIs tab");
});

test('a domain shows its pooled KPIs in the card, each with the unweighted mean of its components', async () => {
  const page = await openAsGuest(browser, '/catalog/default/domain/commerce');

  const card = page.getByTestId('customer-kpis-card');
  await card.waitFor({ timeout: 60_000 });
  await card.getByTestId('customer-kpis-tiles').waitFor({ timeout: 60_000 });
  assert.equal(await card.locator('[data-testid^="kpi-tile-"]').count(), 7);
  // Commerce pools the components of its three systems (every one fed by the demo source).
  assert.match(
    await card.getByTestId('customer-kpis-members').innerText(),
    /Pooled over 12 components/,
  );
  for (const kpi of KPIS) {
    const value = (
      await card.getByTestId(`kpi-value-${kpi}`).innerText()
    ).trim();
    assert.match(value, /\d/, `the pooled ${kpi} is a number, not "${value}"`);
    // Beside it, the mean of the components' own values, each counting once.
    const mean = (
      await card.getByTestId(`kpi-member-mean-${kpi}`).innerText()
    ).trim();
    assert.match(
      mean,
      /^Unweighted mean .*\d/,
      `the ${kpi} tile shows the components' mean, not "${mean}"`,
    );
  }
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: screenshotPath('domain-kpi-card') });
  await assertNoSeriousA11yViolations(page, 'the domain page with its card');
});

test("a team's page lists the systems and components it owns, with the seven KPIs each", async () => {
  const page = await openAsGuest(
    browser,
    '/catalog/default/group/team-payments',
  );

  const card = page.getByTestId('customer-kpis-group-card');
  await card.waitFor({ timeout: 60_000 });
  await card.getByTestId('owned-kpis-table').waitFor({ timeout: 60_000 });
  const rows = card.getByTestId('owned-kpis-row');
  // The system first, then its components by title: titles, not refs.
  assert.deepEqual(await rows.getByTestId('owned-kpis-link').allInnerTexts(), [
    'Payments',
    'Fraud Detection',
    'Gift Cards (legacy)',
    'Payments Gateway',
    'Refunds Service',
  ]);
  assert.equal(
    (await rows.first().getByTestId('owned-kpis-kind').innerText()).trim(),
    'System of 4 components',
  );
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    assert.equal(
      await row.locator('[data-testid^="overview-value-"]').count(),
      7,
    );
    const nps = (
      await row.getByTestId('overview-value-recommend').innerText()
    ).trim();
    assert.match(nps, /\d/, `row ${i} shows its NPS, not "${nps}"`);
  }
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: screenshotPath('group-kpi-card') });
  await assertNoSeriousA11yViolations(page, 'the group page with its card');

  // Each name leads to the entity's page.
  await card.getByRole('link', { name: 'Payments', exact: true }).click();
  await page.waitForURL('**/catalog/default/system/payments');
});

test("the home page's card says that the guest owns no products", async () => {
  // The guest belongs to the platform group, which owns no component or system of the demo catalog; the visitor's
  // products are in home.visitor.test.js.
  const page = await openAsGuest(browser, '/home');

  const card = page.getByTestId('customer-kpis-home-card');
  await card.waitFor({ timeout: 60_000 });
  assert.match(
    await card.getByTestId('owned-kpis-empty').innerText({ timeout: 60_000 }),
    /own no components or systems/,
  );
  await assertNoSeriousA11yViolations(page, 'the home page');
});
