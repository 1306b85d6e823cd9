// Smoke test of the demo portal: the catalog lists the example entities and a component page opens.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { launchBrowser, openAsGuest, screenshotPath } = require('./browser');

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('the catalog lists the example components and a component page opens', async () => {
  const page = await openAsGuest(browser, '/');
  const checkout = page.getByRole('link', {
    name: 'Checkout Service',
    exact: true,
  });
  await checkout.waitFor({ timeout: 60_000 });
  // The example catalog has 23 components; the default list shows them all on one page.
  await page
    .getByRole('link', { name: 'Storefront Web', exact: true })
    .waitFor();
  await page.screenshot({ path: screenshotPath('catalog'), fullPage: true });

  await checkout.click();
  await page.waitForURL('**/catalog/default/component/checkout-service');
  const heading = page.getByRole('heading', { name: 'Checkout Service' });
  await heading.first().waitFor({ timeout: 30_000 });
  // The header and the About card name the system by its title (Backstage 1.57 shows entity titles).
  await page.getByText('Online Storefront').first().waitFor();
  await page.getByTestId('customer-kpis-card').waitFor({ timeout: 30_000 });
  await page.mouse.move(0, 0); // no tooltip of the card's tiles in the picture
  assert.match(page.url(), /\/catalog\/default\/component\/checkout-service$/);
  await page.screenshot({
    path: screenshotPath('component-page'),
    fullPage: true,
  });
});
