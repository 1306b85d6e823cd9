// A survey source end to end (issue #16): a `typeform` source is registered on the admin page against a fake
// Typeform on 127.0.0.1 (test/e2e/fakes/typeform.js) with one question mapping (the NPS field's ref → recommend)
// entered through the form, saved and run now; Customer Profile (bound by `typeform.com/form-id` in
// examples/all.yaml, with no demo NPS) then shows in its card the NPS that the fake's answers give. Afterwards the
// source is deleted and its answers are retracted, so that the portal is left as it was found.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const {
  assertNoSeriousA11yViolations,
  launchBrowser,
  openAsGuest,
  screenshotPath,
} = require('./browser');
const {
  credentialNames,
  deleteSourceQuietly,
  kpiSummary,
  retract,
} = require('./api');
const {
  PROFILE_PATH,
  PROFILE_REF,
  PROFILE_TYPEFORM_FORM,
} = require('./fakes/exampleBindings');
const { FAKE_CREDENTIALS } = require('./fakes/credentials');
const { NPS_REF, startFakeTypeform } = require('./fakes/typeform');

// A new id per run: observations and cursors are kept per source id, and the portal may outlive a run.
const SOURCE_ID = `e2e-typeform-${Date.now().toString(36)}`;

/** The NPS of 0–10 answers from their counts: % promoters (9–10) − % detractors (0–6). */
function nps(scores) {
  const promoters = scores.filter(s => s >= 9).length;
  const detractors = scores.filter(s => s <= 6).length;
  return {
    value: ((promoters - detractors) / scores.length) * 100,
    promoters,
    detractors,
  };
}

/** "+45", "−12", "0" as the card writes an NPS (en locale, whole points, the minus sign U+2212). */
function npsText(value) {
  const rounded = Math.round(value);
  if (rounded === 0) return '0';
  return rounded > 0 ? `+${rounded}` : `\u2212${-rounded}`;
}

let browser;
let typeform;
before(async () => {
  typeform = await startFakeTypeform();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await typeform?.close();
  await deleteSourceQuietly(SOURCE_ID);
  // The source's answers stay after it is deleted: retract them, so that Customer Profile's NPS is empty again.
  try {
    await retract(SOURCE_ID, observationIds());
  } catch {
    // the portal is gone: nothing to clean up
  }
});

/** The completed responses of Customer Profile's form: what the source reads. */
function profileResponses() {
  return typeform.responses.filter(
    r => r.form === PROFILE_TYPEFORM_FORM && r.completed,
  );
}

/** The ids the source gives the NPS answers: `survey/<form>/<response token>/<field ref>/<entity ref>`. */
function observationIds() {
  return profileResponses().map(
    r => `survey/${PROFILE_TYPEFORM_FORM}/${r.token}/${NPS_REF}/${PROFILE_REF}`,
  );
}

test('a Typeform source registered on the admin page fills the NPS tile of Customer Profile', async t => {
  const names = await credentialNames();
  if (!names.includes('e2e-typeform')) {
    t.skip(
      'the portal has no credential e2e-typeform: start it through npm run test:e2e (run.js passes the fakes’ credentials)',
    );
    return;
  }
  const scores = profileResponses().map(
    r => r.answers.find(a => a.field.ref === NPS_REF).number,
  );
  const expected = nps(scores);

  const before = await kpiSummary(PROFILE_PATH, 'recommend');
  if (before.n !== 0) {
    // A portal kept from an interrupted run may still hold that run's answers (the same ones, under another id).
    t.diagnostic(`Customer Profile already has ${before.n} NPS answers`);
  }

  // Register the source through the form: the fake's URL, the credential by name, one question mapping.
  const page = await openAsGuest(browser, '/customer-kpis/admin');
  await page.getByTestId('admin-tab-sources').click({ timeout: 60_000 });
  await page.getByTestId('admin-register').click({ timeout: 30_000 });
  const form = page.getByTestId('source-form');
  await form.waitFor();
  await page.getByTestId('source-field-type').selectOption('typeform');
  await page.getByTestId('source-field-id').fill(SOURCE_ID);
  await page.getByTestId('source-field-title').fill('Typeform NPS (e2e)');
  await page.getByTestId('config-field-baseUrl').fill(typeform.url);
  await page
    .getByTestId('config-field-credential')
    .selectOption('e2e-typeform');
  await page.getByTestId('config-add-questions').click();
  await page.getByTestId('config-field-questions.0.question').fill(NPS_REF);
  await page
    .getByTestId('config-field-questions.0.kpi')
    .selectOption('recommend');

  const questions = page.getByTestId('config-list-questions');
  await questions.scrollIntoViewIfNeeded();
  await questions.screenshot({
    path: screenshotPath('admin-typeform-questions'),
  });

  // Test first: the sample holds Customer Profile's NPS answers, and nothing is stored yet.
  await page.getByTestId('source-test').click();
  await page.getByTestId('source-dry-run').waitFor({ timeout: 60_000 });
  const dryRunError = page.getByTestId('source-dry-run-error');
  if (await dryRunError.count()) {
    assert.fail(`the test run failed: ${await dryRunError.innerText()}`);
  }
  assert.match(
    await page.getByTestId('source-dry-run-summary').innerText(),
    new RegExp(`\\b${scores.length} observations on the first page`),
  );
  const rows = await page
    .getByTestId('source-dry-run-sample')
    .locator('tbody tr')
    .allInnerTexts();
  assert.ok(rows.length > 0);
  for (const row of rows) {
    assert.ok(row.includes(PROFILE_REF) && row.includes('recommend'), row);
    assert.ok(!row.includes('Comment number'), 'free text is never read');
  }
  assert.ok(
    typeform.requests.some(
      r =>
        r.path.startsWith(`/forms/${PROFILE_TYPEFORM_FORM}/responses?`) &&
        r.authorization === `Bearer ${FAKE_CREDENTIALS['e2e-typeform'].secret}`,
    ),
    'the test run read the form’s responses with the token',
  );
  await page.getByTestId('source-dry-run').scrollIntoViewIfNeeded();
  await page.screenshot({
    path: screenshotPath('admin-typeform-form'),
    fullPage: true,
  });
  await assertNoSeriousA11yViolations(
    page,
    'the Typeform source form with a question mapping and a test run',
    '[role="dialog"]',
  );
  assert.equal((await kpiSummary(PROFILE_PATH, 'recommend')).n, before.n);

  // Save, run now, and follow the run until it has succeeded.
  await page.getByTestId('source-save').click();
  await form.waitFor({ state: 'detached', timeout: 30_000 });
  const row = page.getByTestId(`admin-source-${SOURCE_ID}`);
  await row.waitFor({ timeout: 30_000 });
  await row.getByTestId('source-run').click({ timeout: 60_000 });
  await row
    .locator('[data-testid="run-summary"][data-status="succeeded"]')
    .waitFor({ timeout: 90_000 });
  assert.equal(await row.getByTestId('run-error').count(), 0);

  // The API's NPS of Customer Profile is the fake's, exactly (counts, not rounded percentages).
  const summary = await kpiSummary(PROFILE_PATH, 'recommend');
  if (before.n === 0) {
    assert.equal(summary.n, scores.length);
    assert.equal(summary.secondary.promoters, expected.promoters);
    assert.equal(summary.secondary.detractors, expected.detractors);
  }
  assert.ok(
    Math.abs(summary.value - expected.value) < 1e-9,
    `NPS ${summary.value}, expected ${expected.value}`,
  );

  // The card of Customer Profile shows it in the NPS tile.
  const entity = await openAsGuest(
    browser,
    '/catalog/default/component/customer-profile',
  );
  const card = entity.getByTestId('customer-kpis-card');
  await card.getByTestId('customer-kpis-tiles').waitFor({ timeout: 60_000 });
  const tile = card.getByTestId('kpi-tile-recommend');
  assert.equal(
    (await tile.getByTestId('kpi-value-recommend').innerText()).trim(),
    npsText(expected.value),
  );
  assert.equal(
    (await tile.getByTestId('kpi-n-recommend').innerText()).trim(),
    `n = ${summary.n}`,
  );
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: screenshotPath('entity-nps-from-typeform') });
  await assertNoSeriousA11yViolations(
    entity,
    'Customer Profile’s card with the NPS from Typeform',
    '[data-testid="customer-kpis-card"]',
  );
  await entity.close();
  await page.close();
});
