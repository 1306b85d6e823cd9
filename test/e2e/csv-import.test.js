// The CSV import end to end (issue #17): a file of retention periods of Customer Profile (which has no demo
// retention, see examples/all.yaml) is uploaded on the admin page's Import CSV tab, three of its columns mapped to
// the observation fields, checked with the preview and imported; the card's retention tile then shows the rate
// that the rows give, (ΣE − ΣN) ÷ ΣS. Afterwards the imported rows are retracted, so the portal is left as found.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const {
  assertNoSeriousA11yViolations,
  launchBrowser,
  openAsGuest,
  screenshotPath,
} = require('./browser');
const { kpiSummary, retract } = require('./api');
const { PROFILE_PATH, PROFILE_REF } = require('./fakes/exampleBindings');

// Imports are stored under a source id; a new one per run keeps runs of a kept portal apart.
const SOURCE_ID = `e2e-csv-${Date.now().toString(36)}`;
const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' of `days` days before today (UTC). */
function daysAgo(days) {
  return new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10);
}

/** Three monthly periods ending within the card's 90-day window: customers at start (S), at end (E), new (N). */
const PERIODS = [
  { from: 89, to: 61, start: 1200, end: 1180, new: 95 },
  { from: 60, to: 31, start: 1180, end: 1210, new: 110 },
  { from: 30, to: 1, start: 1210, end: 1190, new: 70 },
].map((p, i) => ({
  id: `profile-retention-${i + 1}`,
  periodStart: daysAgo(p.from),
  periodEnd: daysAgo(p.to),
  ...p,
}));

/**
 * The file as a spreadsheet exports it: `id`, `entityRef`, `periodStart` and `periodEnd` named as the template
 * names them, the counts under other headers (mapped on the page), and a notes column to ignore.
 */
function csvFile() {
  const header = [
    'id',
    'entityRef',
    'periodStart',
    'periodEnd',
    'customers_at_start',
    'customers_at_end',
    'new_customers',
    'notes',
  ];
  const lines = PERIODS.map(p =>
    [
      p.id,
      PROFILE_REF,
      p.periodStart,
      p.periodEnd,
      p.start,
      p.end,
      p.new,
      '"monthly export, CRM"',
    ].join(','),
  );
  return Buffer.from(`${[header.join(','), ...lines].join('\n')}\n`, 'utf8');
}

/** The mapping the page is given: CSV header → observation field ('' ignores the column). */
const MAPPING = {
  customers_at_start: 'start',
  customers_at_end: 'end',
  new_customers: 'new',
  notes: '',
};

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  try {
    await retract(
      SOURCE_ID,
      PERIODS.map(p => p.id),
    );
  } catch {
    // the portal is gone: nothing to clean up
  }
});

/** Chooses an option of an MUI select (a button that opens a listbox) by the option's text. */
async function chooseOption(page, select, optionName) {
  await select.click();
  const listbox = page.getByRole('listbox');
  await listbox.waitFor();
  await listbox.getByRole('option', { name: optionName, exact: true }).click();
  await listbox.waitFor({ state: 'detached' });
}

test('a CSV of retention periods uploaded on the admin page fills the retention tile of Customer Profile', async t => {
  const sums = PERIODS.reduce(
    (s, p) => ({
      start: s.start + p.start,
      end: s.end + p.end,
      new: s.new + p.new,
    }),
    { start: 0, end: 0, new: 0 },
  );
  const expected = ((sums.end - sums.new) / sums.start) * 100;
  const before = await kpiSummary(PROFILE_PATH, 'retention');
  if (before.n !== 0) {
    t.diagnostic(
      `Customer Profile already has retention data (n = ${before.n})`,
    );
  }

  const page = await openAsGuest(browser, '/customer-kpis/admin');
  await page.getByTestId('admin-tab-import').click({ timeout: 60_000 });
  const section = page.getByTestId('csv-import');
  await section.waitFor();

  // The KPI, the source id, then the file: the page checks it at once (a dry run) and proposes a mapping.
  await chooseOption(
    page,
    section.getByRole('combobox', { name: /^KPI\b/ }),
    'Retention',
  );
  await page.getByTestId('import-source').fill(SOURCE_ID);
  await page.getByTestId('import-file').setInputFiles({
    name: 'customer-profile-retention.csv',
    mimeType: 'text/csv',
    buffer: csvFile(),
  });
  const mapping = page.getByTestId('import-mapping');
  await mapping.waitFor({ timeout: 30_000 });
  // Not valid yet: start, end and new are filled by no column.
  await page.getByTestId('import-report').waitFor();
  assert.equal(await page.getByTestId('import-submit').isDisabled(), true);

  for (const [header, field] of Object.entries(MAPPING)) {
    const select = mapping.getByRole('combobox', { name: header });
    await chooseOption(page, select, field || 'Ignore this column');
  }
  await page.getByTestId('import-recheck').click();
  await page.getByTestId('import-report-valid').waitFor({ timeout: 30_000 });
  assert.match(
    await page.getByTestId('import-report-valid').innerText(),
    new RegExp(`All ${PERIODS.length} rows are valid`),
  );
  const preview = page.getByTestId('import-preview');
  await preview.waitFor();
  const previewText = await preview.innerText();
  for (const p of PERIODS) {
    assert.ok(previewText.includes(p.periodEnd), `the preview shows ${p.id}`);
  }
  assert.ok(!previewText.includes('monthly export'), 'notes are ignored');
  // The check stored nothing.
  assert.equal((await kpiSummary(PROFILE_PATH, 'retention')).n, before.n);
  await page.screenshot({
    path: screenshotPath('admin-csv-import-preview'),
    fullPage: true,
  });
  await assertNoSeriousA11yViolations(
    page,
    'the CSV import with its mapping and preview',
    '[data-testid="csv-import"]',
  );

  await page.getByTestId('import-submit').click();
  const result = page.getByTestId('import-result');
  await result.waitFor({ timeout: 60_000 });
  assert.match(
    await result.innerText(),
    new RegExp(
      `Imported into ${SOURCE_ID}: ${PERIODS.length} new, 0 unchanged, 0 replaced`,
    ),
  );
  await page.screenshot({
    path: screenshotPath('admin-csv-import-done'),
    fullPage: true,
  });

  // The API's retention of Customer Profile is the rows' pooled rate, exactly.
  const summary = await kpiSummary(PROFILE_PATH, 'retention');
  if (before.n === 0) {
    assert.deepEqual(
      {
        start: summary.secondary.start,
        end: summary.secondary.end,
        new: summary.secondary.new,
        periods: summary.secondary.periods,
      },
      { ...sums, periods: PERIODS.length },
    );
    assert.ok(
      Math.abs(summary.value - expected) < 1e-9,
      `retention ${summary.value}, expected ${expected}`,
    );
  }

  // The card shows it in the retention tile, to a tenth of a percent.
  const entity = await openAsGuest(
    browser,
    '/catalog/default/component/customer-profile',
  );
  const card = entity.getByTestId('customer-kpis-card');
  await card.getByTestId('customer-kpis-tiles').waitFor({ timeout: 60_000 });
  const tile = card.getByTestId('kpi-tile-retention');
  const shown = (await tile.getByTestId('kpi-value-retention').innerText())
    .replace(/\s/g, ' ')
    .trim();
  assert.equal(
    shown,
    `${(before.n === 0 ? expected : summary.value).toFixed(1)} %`,
  );
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: screenshotPath('entity-retention-from-csv') });
  await assertNoSeriousA11yViolations(
    entity,
    'Customer Profile’s card with the retention from the CSV',
    '[data-testid="customer-kpis-card"]',
  );
  await entity.close();
  await page.close();
});
