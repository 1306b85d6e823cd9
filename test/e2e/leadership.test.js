// The leadership page of the demo portal: in the sidebar, grouped by system, sorted by NPS, drilled into one system
// (the focus on the new heading), and exported as CSV; no serious axe finding; at 1440 × 900 the NPS and index
// columns in view without scrolling the page; in the 12-month window a change or its reason in every cell; the owner
// filter's suggestions by title. Relies on the data-testid hooks of plugins/customer-kpis/src/components/LeadershipPage.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs/promises');
const { parse } = require('csv-parse/sync');
const {
  assertNoSeriousA11yViolations,
  launchBrowser,
  openAsGuest,
  screenshotPath,
} = require('./browser');

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
  await assertNoSeriousA11yViolations(page, 'the leadership page by system');

  // Drill into the best system: its components, with the system filter kept in the URL.
  const best = page.getByTestId('overview-row').first();
  const systemRef = await best.getAttribute('data-ref');
  const systemName = systemRef.replace(/^system:default\//, '');
  const systemTitle = (
    await best.getByTestId('overview-entity-link').innerText()
  ).trim();
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
  // The heading names the system by its title, not its ref, and has the focus (not <body>).
  assert.equal(
    (await page.getByTestId('overview-heading').innerText()).trim(),
    `Components of ${systemTitle}`,
  );
  assert.equal(
    await page.evaluate(() => document.activeElement?.dataset.testid),
    'overview-heading',
    'the focus moves to the new heading after a drill-down',
  );
  await assertNoSeriousA11yViolations(
    page,
    'the leadership page drilled into a system',
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

test('at 1440 × 900 the NPS and index columns are in view without scrolling the page', async () => {
  const page = await openAsGuest(browser, '/customer-kpis?groupBy=system');
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByTestId('overview-table').waitFor({ timeout: 60_000 });
  await waitForRows(page, 8);
  const layout = await page.evaluate(() => {
    const box = selector =>
      document
        .querySelector(`[data-testid="${selector}"]`)
        .getBoundingClientRect();
    const scroller = box('overview-table-scroll');
    return {
      viewport: window.innerWidth,
      pageWidth: document.documentElement.scrollWidth,
      scrollX: window.scrollX,
      scrollerRight: scroller.right,
      nps: box('overview-header-recommend').right,
      cci: box('overview-header-cci').right,
      entities: box('overview-header-entities').height,
      name: box('overview-header-title').height,
    };
  });
  const shown = JSON.stringify(layout);
  assert.equal(layout.scrollX, 0);
  assert.ok(
    layout.pageWidth <= layout.viewport,
    `the page does not scroll sideways: ${shown}`,
  );
  for (const column of ['nps', 'cci']) {
    assert.ok(
      layout[column] <= Math.min(layout.viewport, layout.scrollerRight),
      `the ${column} header is in view: ${shown}`,
    );
  }
  // "Entities" on one line: its header is no taller than the name's.
  assert.ok(
    layout.entities <= layout.name + 1,
    `the Entities header does not wrap: ${shown}`,
  );
  await page.screenshot({ path: screenshotPath('leadership-1440x900') });
  await assertNoSeriousA11yViolations(
    page,
    'the leadership page at 1440 × 900',
  );
});

test('the 12-month window shows a change or its reason in every cell with data', async () => {
  const page = await openAsGuest(browser, '/customer-kpis?window=12m');
  await page.getByTestId('overview-table').waitFor({ timeout: 60_000 });
  await waitForRows(page, 23);
  const cells = await page
    .locator(
      '[data-testid^="overview-cell-"]:not([data-testid="overview-cell-cci"])',
    )
    .evaluateAll(tds =>
      tds.map(td => {
        const value = td.querySelector('[data-testid^="overview-value-"]');
        const delta = td.querySelector('[data-testid^="overview-delta-"]');
        return {
          ref: td.closest('tr').getAttribute('data-ref'),
          kpi: td.getAttribute('data-testid'),
          noData: value.textContent.trim() === 'no data',
          delta: delta?.textContent ?? null,
          reason: delta?.getAttribute('data-reason') ?? null,
        };
      }),
    );
  const withData = cells.filter(c => !c.noData);
  assert.ok(withData.length > 0, 'the demo has data in 12 months');
  // A change is a figure, or a dash with the reason (no data in the year before).
  const silent = withData.filter(c => c.delta === null);
  assert.deepEqual(
    silent,
    [],
    'every cell with data shows a change or why not',
  );
  // The demo's history is shorter than two years: the page then says once that there is nothing to compare with.
  if (withData.every(c => c.reason === 'no-previous-data')) {
    await page.getByTestId('overview-no-comparison').waitFor();
  }
  await assertNoSeriousA11yViolations(
    page,
    'the leadership page over 12 months',
  );
});

test('the owner filter suggests owners by title and filters by the chosen one', async () => {
  const page = await openAsGuest(browser, '/customer-kpis');
  await page.getByTestId('overview-table').waitFor({ timeout: 60_000 });
  await waitForRows(page, 23);
  await page.getByTestId('overview-filter-owner').click();
  const first = page.getByTestId('overview-filter-owner-option').first();
  await first.waitFor({ timeout: 30_000 });
  // A title, the ref under it, and how many components it owns.
  const [title, ref, count] = (await first.innerText())
    .split('\n')
    .map(text => text.trim())
    .filter(Boolean);
  assert.match(ref, /^group:[^/]+\/.+/);
  assert.notEqual(title, ref);
  await first.click();
  await page.waitForURL(url => new URL(url).searchParams.has('owner'));
  await waitForRows(page, Number(count));
  assert.equal(
    await page.getByTestId('overview-filter-owner').inputValue(),
    title,
  );
  for (const row of await page.getByTestId('overview-row').all()) {
    assert.ok((await row.innerText()).includes(title), `${title} owns the row`);
  }
});
