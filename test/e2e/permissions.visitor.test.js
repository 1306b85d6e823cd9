// Least privilege, everyone else's side: run by run.js after it restarted the backend with the guest sign-in as
// user:default/visitor, a product-team member outside the platform group. The visitor reads KPIs (leadership page,
// card, tab) but gets 403 from every admin and ingest route and has no KPI admin page in the sidebar.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const {
  assertNoSeriousA11yViolations,
  launchBrowser,
  openAsGuest,
  screenshotPath,
} = require('./browser');
const { BACKEND_URL, guestSession } = require('./portal');

const VISITOR = 'user:default/visitor';
const PLATFORM_GROUP = 'group:default/platform-engineering';

/** Every admin and ingest route; `demo` is the demo portal's configured source. */
const GUARDED_ROUTES = [
  ['GET', '/sources/types'],
  ['GET', '/coverage'],
  ['GET', '/credentials'],
  ['GET', '/sources'],
  ['POST', '/sources/test'],
  ['POST', '/sources'],
  ['GET', '/sources/demo'],
  ['PUT', '/sources/demo'],
  ['DELETE', '/sources/demo'],
  ['POST', '/sources/demo/run'],
  ['POST', '/sources/demo/test'],
  ['GET', '/sources/demo/runs'],
  ['POST', '/observations'],
];

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('the visitor gets 403 from every admin and ingest route and can still read KPIs', async () => {
  const { identity, token } = await guestSession();
  assert.equal(identity.userEntityRef, VISITOR);
  assert.ok(
    !identity.ownershipEntityRefs.includes(PLATFORM_GROUP),
    `the visitor is outside the platform group: ${identity.ownershipEntityRefs}`,
  );
  const headers = {
    Authorization: `Bearer ${token}`,
    'Content-Type': 'application/json',
  };
  for (const [method, route] of GUARDED_ROUTES) {
    const res = await fetch(`${BACKEND_URL}/api/customer-kpis${route}`, {
      method,
      headers,
      body: method === 'POST' || method === 'PUT' ? '{}' : undefined,
    });
    const body = await res.json();
    assert.equal(
      res.status,
      403,
      `${method} ${route}: ${JSON.stringify(body)}`,
    );
    assert.match(
      body.error.message,
      /^Missing permission customer-kpis\.(source\.manage|observation\.create)$/,
    );
  }

  // Reading is for everyone: the KPI definitions and a component's KPIs.
  const kpis = await fetch(`${BACKEND_URL}/api/customer-kpis/kpis`, {
    headers,
  });
  assert.equal(kpis.status, 200);
  // The restarted backend mirrors the catalog shortly after start: ask until the component is known.
  let entity;
  for (let tries = 0; tries < 30; tries++) {
    entity = await fetch(
      `${BACKEND_URL}/api/customer-kpis/entities/component/default/checkout-service/kpis`,
      { headers },
    );
    if (entity.status !== 404) break;
    await new Promise(r => setTimeout(r, 2000));
  }
  assert.equal(entity.status, 200);
  assert.equal(
    (await entity.json()).entityRef,
    'component:default/checkout-service',
  );
});

test('the visitor sees the leadership page but no KPI admin page in the sidebar', async () => {
  const page = await openAsGuest(browser, '/customer-kpis');
  await page
    .getByTestId('customer-kpis-leadership')
    .waitFor({ timeout: 60_000 });
  await page.getByTestId('overview-table').waitFor({ timeout: 60_000 });
  await page
    .locator('nav a[href="/customer-kpis"]')
    .first()
    .waitFor({ timeout: 30_000 });
  // The sidebar leaves the admin page out until the permission answer allows it; by the time the table has loaded
  // that answer has arrived, and a second more would let a wrongly shown item appear.
  await page.waitForTimeout(1000);
  assert.equal(
    await page.locator('nav a[href="/customer-kpis/admin"]').count(),
    0,
    'no link to the KPI admin page',
  );
  assert.equal(await page.getByText('KPI data sources').count(), 0);
  // The sidebar's drawer is fixed-position inside a zero-height <nav>: capture its box from the page.
  const drawer = await page
    .locator('nav[aria-label="sidebar nav"] [data-testid="sidebar-root"] > div')
    .boundingBox();
  await page.screenshot({
    path: screenshotPath('visitor-sidebar'),
    clip: { x: 0, y: 0, width: drawer.width, height: drawer.height },
  });
  await assertNoSeriousA11yViolations(
    page,
    'the visitor’s sidebar',
    'nav[aria-label="sidebar nav"]',
  );
  await page.screenshot({
    path: screenshotPath('visitor-leadership'),
    fullPage: true,
  });

  // A direct link to the admin page explains the missing permission instead of failing.
  await page.close();
  const admin = await openAsGuest(browser, '/customer-kpis/admin');
  await admin.getByTestId('admin-no-permission').waitFor({ timeout: 30_000 });
  await admin.close();
});

test('the visitor sees the KPI card and the Customer KPIs tab of a component', async () => {
  const page = await openAsGuest(
    browser,
    '/catalog/default/component/checkout-service',
  );
  const card = page.getByTestId('customer-kpis-card');
  await card.waitFor({ timeout: 60_000 });
  // The restarted backend's demo source fills its 180 days shortly after start.
  await card.getByTestId('customer-kpis-tiles').waitFor({ timeout: 90_000 });
  assert.equal(await card.locator('[data-testid^="kpi-tile-"]').count(), 7);
  await page
    .locator(
      'a[href$="/catalog/default/component/checkout-service/customer-kpis"]',
    )
    .click();
  await page.getByTestId('customer-kpis-tab').waitFor({ timeout: 30_000 });
  assert.equal(
    await page.locator('nav a[href="/customer-kpis/admin"]').count(),
    0,
  );
  await page.close();
});
