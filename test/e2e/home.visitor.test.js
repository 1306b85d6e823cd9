// The home page's "My products" card as a product team sees it: run by run.js after it restarted the backend with the
// guest sign-in as user:default/visitor, a member of the checkout team. The card, a widget that app-config.yaml's
// default layout puts on the home plugin's page, lists what the visitor and the team own (the identity's ownership
// refs), with the seven KPIs each, and each name leads to the entity's page.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const {
  assertNoSeriousA11yViolations,
  launchBrowser,
  openAsGuest,
  screenshotPath,
} = require('./browser');
const { BACKEND_URL, guestSession } = require('./portal');

const CHECKOUT_TEAM = 'group:default/team-checkout';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test("the visitor's home page lists the checkout team's system and components with their KPIs", async () => {
  // The restarted backend resolves the visitor's groups once the catalog has processed the user (and may drop a
  // connection meanwhile): ask until it has.
  let session;
  for (let tries = 0; tries < 30; tries++) {
    session = await guestSession().catch(() => undefined);
    if (session?.identity.ownershipEntityRefs.includes(CHECKOUT_TEAM)) break;
    await new Promise(r => setTimeout(r, 2000));
  }
  assert.ok(session, 'the guest sign-in answers');
  const { identity, token } = session;
  assert.ok(
    identity.ownershipEntityRefs.includes(CHECKOUT_TEAM),
    `the visitor belongs to the checkout team: ${identity.ownershipEntityRefs}`,
  );
  // The restarted backend mirrors the catalog shortly after start: ask until the team's products are known.
  const query = identity.ownershipEntityRefs
    .map(ref => `owner=${encodeURIComponent(ref)}`)
    .join('&');
  let owned;
  for (let tries = 0; tries < 30; tries++) {
    // The backend may still drop a connection while its catalog mirror fills after the restart: ask again.
    const res = await fetch(
      `${BACKEND_URL}/api/customer-kpis/overview/owned?${query}`,
      { headers: { Authorization: `Bearer ${token}` } },
    ).catch(() => undefined);
    if (res) {
      assert.equal(res.status, 200);
      owned = await res.json();
      if (owned.total > 0) break;
    }
    await new Promise(r => setTimeout(r, 2000));
  }
  assert.equal(owned?.total, 5);

  const page = await openAsGuest(browser, '/home');
  const card = page.getByTestId('customer-kpis-home-card');
  await card.waitFor({ timeout: 60_000 });
  await card.getByTestId('owned-kpis-table').waitFor({ timeout: 60_000 });
  const rows = card.getByTestId('owned-kpis-row');
  assert.deepEqual(await rows.getByTestId('owned-kpis-link').allInnerTexts(), [
    'Online Storefront',
    'Cart Service',
    'Checkout Service',
    'Order Tracking',
    'Storefront Web',
  ]);
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    assert.equal(
      await row.locator('[data-testid^="overview-value-"]').count(),
      7,
    );
    const csat = (
      await row.getByTestId('overview-value-satisfaction').innerText()
    ).trim();
    assert.match(csat, /\d/, `row ${i} shows its CSAT, not "${csat}"`);
  }
  // The widget as the home plugin's grid shows it, in the home page's card that frames it.
  const widget = page.locator('.react-grid-item', { has: card });
  await widget.screenshot({ path: screenshotPath('home-kpi-card') });
  await assertNoSeriousA11yViolations(page, 'the home page with its card');

  await card.getByRole('link', { name: 'Checkout Service' }).click();
  await page.waitForURL('**/catalog/default/component/checkout-service');
});
