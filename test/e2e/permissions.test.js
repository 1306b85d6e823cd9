// Least privilege, the platform engineer's side: the guest is a member of group:default/platform-engineering (see
// examples/all.yaml), so the sidebar lists the KPI admin page and the admin API answers.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { launchBrowser, openAsGuest } = require('./browser');
const { BACKEND_URL, guestSession } = require('./portal');

const PLATFORM_GROUP = 'group:default/platform-engineering';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('the guest signs in as a member of the platform group and may use the admin API', async () => {
  const { identity, token } = await guestSession();
  assert.equal(identity.userEntityRef, 'user:development/guest');
  assert.ok(
    identity.ownershipEntityRefs.includes(PLATFORM_GROUP),
    `the guest's ownership names the platform group: ${identity.ownershipEntityRefs}`,
  );
  const res = await fetch(`${BACKEND_URL}/api/customer-kpis/sources`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  assert.equal(res.status, 200);
  assert.ok(Array.isArray((await res.json()).items));
});

test('the guest sees the KPI admin page in the sidebar', async () => {
  const page = await openAsGuest(browser, '/customer-kpis');
  await page
    .getByTestId('customer-kpis-leadership')
    .waitFor({ timeout: 60_000 });
  const adminLink = page.locator('nav a[href="/customer-kpis/admin"]');
  await adminLink.waitFor({ timeout: 30_000 });
  assert.equal((await adminLink.innerText()).trim(), 'KPI data sources');
  await page.close();
});
