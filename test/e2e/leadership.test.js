// The leadership page of the demo portal: in the sidebar, grouped by system, sorted by NPS, drilled into one system,
// and exported as CSV. Relies on the data-testid hooks of plugins/customer-kpis/src/components/LeadershipPage.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs/promises');
const { parse } = require('csv-parse/sync');
const { launchBrowser, openAsGuest, screenshotPath } = require('./browser');

/** "+51", "−12", "0" → a number (the page writes the minus sign, not a hyphen). */
function npsNumber(text) {
  return Number(text.trim().replace('\u2212', '-').replace('+', ''));
}

/** The refs of the table's rows, top to bottom. */
async function shownRefs(page) {
  return page
    .getByTestId('overview-row')
    .evaluateAll(rows => rows.map(row => row.getAttribute('data-ref')));
}

/** Waits until the table shows `count` rows and no load is under way. */
async function waitForRows(page, count) {
  await page
    .getByTestId('customer-kpis-loading')
    .waitFor({ state: 'detached', timeout: 30_000 });
  await page.waitForFunction(
    n => document.querySelectorAll('[data-testid="overview-row"]').length === n,
    count,
    { timeout: 30_000 },
  );
}

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('leadership compares systems by NPS, drills into one and exports what it shows as CSV', async () => {
  const page = await openAsGuest(browser, '/customer-kpis');
  await page
    .getByTestId('customer-kpis-leadership')
    .waitFor({ timeout: 60_000 });
  await page.getByTestId('overview-table').waitFor({ timeout: 60_000 });

  // The page is in the sidebar (the app lists every page through nav.rest()).
  const navLinks = page.locator('nav a[href="/customer-kpis"]');
  assert.ok(
    (await navLinks.count()) >= 1,
    'the sidebar links to /customer-kpis',
  );

  // The demo catalog has 23 components, all on the first page of 50.
  await waitForRows(page, 23);

  // Group by system: eight systems, each with an entity count, the rollup method and the API's warnings.
  await page.getByTestId('overview-group-by-system').click();
  await page.waitForURL(
    url => new URL(url).searchParams.get('groupBy') === 'system',
  );
  await waitForRows(page, 8);
  await page.getByTestId('overview-rollup-notes').waitFor();
  assert.match(
    await page.getByTestId('overview-rollup-notes').innerText(),
    /Active users are summed across entities/,
  );
  assert.match(
    await page.getByTestId('overview-period').innerText(),
    /compared with/,
  );

  // Sort by NPS: best first on the first click, written to the URL.
  const sorted = page.waitForResponse(
    response =>
      response.url().includes('/api/customer-kpis/overview?') &&
      response.url().includes('sort=recommend'),
  );
  await page
    .getByTestId('overview-header-recommend')
    .getByRole('button')
    .click();
  await sorted;
  await page.waitForURL(url => {
    const params = new URL(url).searchParams;
    return params.get('sort') === 'recommend' && params.get('order') === 'desc';
  });
  await waitForRows(page, 8);
  const nps = (
    await page.getByTestId('overview-value-recommend').allInnerTexts()
  ).map(npsNumber);
  assert.equal(nps.length, 8);
  assert.ok(
    nps.every(Number.isFinite),
    `every system has an NPS: ${nps.join(', ')}`,
  );
  assert.deepEqual(
    nps,
    [...nps].sort((a, b) => b - a),
    'systems are sorted by NPS, highest first',
  );
  // Significant changes carry an arrow; the others are muted without one.
  for (const delta of await page
    .getByTestId('overview-delta-recommend')
    .all()) {
    const significant =
      (await delta.getAttribute('data-significant')) === 'true';
    assert.equal(await delta.locator('svg').count(), significant ? 1 : 0);
  }
  await page.mouse.move(0, 0); // no header tooltip in the screenshot
  await page.getByRole('tooltip').waitFor({ state: 'detached' });
  await page.screenshot({
    path: screenshotPath('leadership-systems'),
    fullPage: true,
  });

  // Drill into the best system: its components, with the system filter kept in the URL.
  const best = page.getByTestId('overview-row').first();
  const systemRef = await best.getAttribute('data-ref');
  const systemName = systemRef.replace(/^system:default\//, '');
  const members = Number(
    (await best.getByTestId('overview-entity-count').innerText()).trim(),
  );
  assert.ok(members > 0);
  await best.getByTestId('overview-drill-down').click();
  await page.waitForURL(url => {
    const params = new URL(url).searchParams;
    return (
      !params.has('groupBy') &&
      params.get('system') === systemName &&
      params.get('sort') === 'recommend'
    );
  });
  await waitForRows(page, members);
  assert.match(
    await page.getByTestId('overview-drilled').innerText(),
    new RegExp(systemName),
  );
  await page.screenshot({
    path: screenshotPath('leadership-drilldown'),
    fullPage: true,
  });

  // Export: the same query with Accept: text/csv, downloaded as a file with exactly the rows shown.
  const refs = await shownRefs(page);
  const csvRequest = page.waitForRequest(
    request =>
      request.url().includes('/api/customer-kpis/overview?') &&
      request.headers().accept === 'text/csv',
  );
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    page.getByTestId('overview-export-csv').click(),
  ]);
  const query = new URL((await csvRequest).url()).searchParams;
  assert.equal(query.get('groupBy'), 'component');
  assert.equal(query.get('system'), systemRef);
  assert.equal(query.get('sort'), 'recommend');
  assert.equal(query.get('order'), 'desc');
  assert.equal(download.suggestedFilename(), 'customer-kpis-component-90d.csv');
  const csv = await fs.readFile(await download.path(), 'utf8');
  const rows = parse(csv, { columns: true });
  assert.deepEqual(Object.keys(rows[0]).slice(0, 6), [
    'title',
    'ref',
    'kind',
    'entities',
    'owner',
    'owner ref',
  ]);
  assert.deepEqual(
    rows.map(row => row.ref),
    refs,
    'the CSV holds the rows shown, in the order shown',
  );
  for (const row of rows)
    assert.equal(
      row['system ref'],
      systemRef,
      `${row.ref} belongs to ${systemRef}`,
    );
});
