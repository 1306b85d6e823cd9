// The data-source admin page end to end: a fake Prometheus on a free local port, a `prometheus` source registered,
// tested, saved and run through the page, and Customer Profile's adoption going from missing to data in the coverage.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const {
  assertNoSeriousA11yViolations,
  launchBrowser,
  openAsGuest,
  screenshotPath,
} = require('./browser');
const { BACKEND_URL, guestSession, waitFor } = require('./portal');

const SELECTOR = 'app="customer-profile"';
const PROFILE = 'component:default/customer-profile';
const ACCOUNTS = 'system:default/customer-accounts';
// A new id per run: observations and cursors are kept per source id, and the portal may outlive a run.
const SOURCE_ID = `e2e-prometheus-${Date.now().toString(36)}`;

/** Daily gauges of customer-profile, DAU ≤ WAU ≤ MAU ≤ eligible as the source requires. */
const GAUGES = {
  active_users_daily: 120,
  active_users_weekly: 400,
  active_users_monthly: 900,
  eligible_users: 2000,
};

/**
 * Answers `GET /api/v1/query_range` like Prometheus: `{ status: 'success', data: { resultType: 'matrix', result } }`
 * with one series of `[unixSeconds, "value"]` samples at start, start + step, … end for the customer-profile
 * selector, and an empty matrix for any other selector.
 */
function startFakePrometheus() {
  const queries = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const send = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname !== '/api/v1/query_range') {
      send(404, {
        status: 'error',
        errorType: 'not_found',
        error: 'not found',
      });
      return;
    }
    const query = url.searchParams.get('query') ?? '';
    const [start, end, step] = ['start', 'end', 'step'].map(k =>
      Number(url.searchParams.get(k)),
    );
    const match = /([a-z_]+)\{\s*(.*?)\s*\}/.exec(query);
    if (!match || !(step > 0) || !(end >= start)) {
      send(400, {
        status: 'error',
        errorType: 'bad_data',
        error: `parse error in ${JSON.stringify(query)}`,
      });
      return;
    }
    queries.push(query);
    const [, metric, selector] = match;
    const value = selector === SELECTOR ? GAUGES[metric] : undefined;
    const values = [];
    for (let t = start; value !== undefined && t <= end; t += step)
      values.push([t, String(value)]);
    send(200, {
      status: 'success',
      data: {
        resultType: 'matrix',
        result: values.length ? [{ metric: {}, values }] : [],
      },
    });
  });
  return new Promise(resolve => {
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        queries,
        close: () => server.close(),
      }),
    );
  });
}

async function coverageCell(page, kpi, entityRef = PROFILE) {
  const cell = page
    .getByTestId(`coverage-row-${entityRef}`)
    .getByTestId(`coverage-cell-${kpi}`);
  await cell.waitFor({ timeout: 30_000 });
  const gap = cell.getByTestId('coverage-gap');
  return {
    state: await cell.getAttribute('data-state'),
    sources: ((await cell.getAttribute('data-sources')) ?? '')
      .split(' ')
      .filter(Boolean),
    gap: (await gap.count()) > 0 ? await gap.innerText() : null,
  };
}

/** What a gap names: the source type to configure, the annotation to add, the failing or the silent source. */
const NAMED_GAP =
  /^(No source: configure|Missing annotation:|Last run failed:|No data yet from) \S/;

let browser;
let prometheus;
before(async () => {
  prometheus = await startFakePrometheus();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  prometheus?.close();
  // If the test stopped before deleting its source through the page, delete it here (404 when already gone).
  try {
    const token = (await guestSession()).token;
    await fetch(`${BACKEND_URL}/api/customer-kpis/sources/${SOURCE_ID}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${token}` },
    });
  } catch {
    // the portal is gone: nothing to clean up
  }
});

test('a platform engineer registers, tests and runs a Prometheus source and sees the coverage change', async t => {
  const page = await openAsGuest(browser, '/customer-kpis/admin');

  // Coverage before: Customer Profile carries the Prometheus selector but no source feeds it.
  await page.getByTestId('admin-tab-coverage').click({ timeout: 60_000 });
  const before = await coverageCell(page, 'adoption');
  if (before.sources.length === 0) {
    assert.equal(
      before.state,
      'missing',
      'Customer Profile has no adoption data before the source exists',
    );
    assert.match(before.gap ?? '', NAMED_GAP);
  } else {
    // A portal kept from an earlier run still holds that run's data (deleting a source keeps its data).
    t.diagnostic(
      `adoption of customer-profile already fed by ${before.sources.join(
        ', ',
      )}`,
    );
    assert.ok(!before.sources.includes(SOURCE_ID));
  }

  // Register a prometheus source pointing at the fake server, and test it before saving.
  await page.getByTestId('admin-tab-sources').click();
  await page.getByTestId('admin-register').click({ timeout: 30_000 });
  const form = page.getByTestId('source-form');
  await form.waitFor();
  await page.getByTestId('source-field-type').selectOption('prometheus');
  await page.getByTestId('source-field-id').fill(SOURCE_ID);
  await page.getByTestId('source-field-title').fill('Prometheus (e2e)');
  // fields are labelled by their schemas' titles, not by their keys
  assert.ok(
    await form.getByLabel(/^Prometheus URL/).isVisible(),
    'baseUrl is labelled "Prometheus URL"',
  );
  assert.equal(
    await form.getByText('minRetryDelayMs', { exact: true }).count(),
    0,
  );
  await page.getByTestId('config-field-baseUrl').fill(prometheus.url);
  await page.getByTestId('config-field-historyDays').fill('7');
  await page.getByTestId('source-test').click();
  const sample = page.getByTestId('source-dry-run-sample');
  await sample.waitFor({ timeout: 60_000 });
  assert.match(
    await page.getByTestId('source-dry-run-summary').innerText(),
    /observations on the first page/,
  );
  assert.ok(
    await sample.getByText(PROFILE).first().isVisible(),
    'the sample names customer-profile',
  );
  assert.ok(
    prometheus.queries.some(q => q.includes(SELECTOR)),
    'the test run queried the fake Prometheus',
  );
  await sample.scrollIntoViewIfNeeded();
  await page.screenshot({
    path: screenshotPath('admin-register'),
    fullPage: true,
  });
  await assertNoSeriousA11yViolations(page, 'the source form with a test run');

  await page.getByTestId('source-save').click();
  await form.waitFor({ state: 'detached', timeout: 30_000 });
  const row = page.getByTestId(`admin-source-${SOURCE_ID}`);
  await row.waitFor({ timeout: 30_000 });
  assert.equal(
    await row.getByTestId('source-origin').innerText(),
    'registered here',
  );

  // Run it now and follow the run until it has succeeded (the scheduler may also have started one on saving).
  await row.getByTestId('source-run').click({ timeout: 60_000 });
  await row
    .locator('[data-testid="run-summary"][data-status="succeeded"]')
    .waitFor({ timeout: 90_000 });
  assert.equal(await row.getByTestId('run-error').count(), 0);
  await page.screenshot({
    path: screenshotPath('admin-sources'),
    fullPage: true,
  });
  await assertNoSeriousA11yViolations(page, 'the admin page’s sources');

  // The history lists the manual run. The run saving started may have ended before "Run now" (a Prometheus run
  // takes a few hundred milliseconds), and then the manual one starts at the scheduler's next look, after the
  // summary above already showed the first run as succeeded: the dialog reads the runs when it opens, so open it
  // again until the manual run is there.
  const history = page.getByTestId('admin-run-history');
  await waitFor(
    async () => {
      await row.getByTestId('source-history').click();
      await history.waitFor();
      const manual = history.getByText('manual').first();
      const found = await manual
        .waitFor({ timeout: 5_000 })
        .then(() => true)
        .catch(() => false);
      await page.keyboard.press('Escape');
      await history.waitFor({ state: 'detached' });
      return found;
    },
    'the manual run in the history',
    90_000,
  );

  // Coverage after: adoption of Customer Profile has data from the new source.
  await page.getByTestId('admin-tab-coverage').click();
  const afterRun = await coverageCell(page, 'adoption');
  assert.equal(afterRun.state, 'data');
  assert.ok(
    afterRun.sources.includes(SOURCE_ID),
    `adoption is fed by ${SOURCE_ID}: ${afterRun.sources}`,
  );
  await page.screenshot({
    path: screenshotPath('admin-coverage'),
    fullPage: true,
  });
  await assertNoSeriousA11yViolations(page, 'the admin page’s coverage');
  assert.equal(
    await page
      .getByTestId(`coverage-row-${PROFILE}`)
      .getByTestId('coverage-entity-link')
      .getAttribute('href'),
    '/catalog/default/component/customer-profile',
  );

  // The systems: customer-accounts pools customer-profile, so its adoption has the new source's data too.
  await page.getByTestId('coverage-kind-system').click();
  const accounts = await coverageCell(page, 'adoption', ACCOUNTS);
  assert.equal(accounts.state, 'data');
  assert.ok(
    accounts.sources.includes(SOURCE_ID),
    `customer-accounts' adoption is fed by ${SOURCE_ID}: ${accounts.sources}`,
  );
  assert.match(
    await page.getByTestId(`coverage-row-${ACCOUNTS}`).innerText(),
    /\d+ components?/,
  );
  assert.match(page.url(), /[?&]kind=system/);
  await assertNoSeriousA11yViolations(page, 'the coverage of the systems');

  // Delete the source through the page, so that the portal is left as it was found (its data stays).
  await page.getByTestId('admin-tab-sources').click();
  await page
    .getByTestId(`admin-source-${SOURCE_ID}`)
    .getByTestId('source-delete')
    .click({ timeout: 30_000 });
  await page.getByTestId('admin-delete-confirm').click();
  await page
    .getByTestId(`admin-source-${SOURCE_ID}`)
    .waitFor({ state: 'detached', timeout: 30_000 });
});
