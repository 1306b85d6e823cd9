// The IT service management sources on the admin page end to end (issue #15): a `servicenow` and a
// `jira-service-management` source are filled in against fake servers on 127.0.0.1 (test/e2e/fakes), tested with
// the page's Test button, and cancelled. The test run shows a sample that names Customer Profile (bound by
// `servicenow.com/business_service` and `jira/project-key` in examples/all.yaml) and stores nothing: no source is
// saved, no run is recorded, and Customer Profile's KPIs read the same before and after.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const {
  assertNoSeriousA11yViolations,
  launchBrowser,
  openAsGuest,
  screenshotPath,
} = require('./browser');
const { credentialNames, entityKpis, sourceIds, sourceRuns } = require('./api');
const { FAKE_CREDENTIALS } = require('./fakes/credentials');
const { PROFILE_PATH, PROFILE_REF } = require('./fakes/exampleBindings');
const { startFakeServiceNow, SERVICENOW_USER } = require('./fakes/servicenow');
const { startFakeJira, JIRA_EMAIL } = require('./fakes/jira');
const { PROFILE_JIRA_PROJECT } = require('./fakes/exampleBindings');
const { PROFILE_BUSINESS_SERVICE } = require('./fakes/exampleBindings');

const RUN = Date.now().toString(36);

let browser;
let servicenow;
let jira;
before(async () => {
  servicenow = await startFakeServiceNow();
  jira = await startFakeJira();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await servicenow?.close();
  await jira?.close();
});

/**
 * Skips the test when the portal does not offer the fakes' credentials: it was started outside `npm run test:e2e`
 * (test/e2e/run.js passes them to the backend it starts).
 */
async function requireFakeCredentials(t, name) {
  const names = await credentialNames();
  if (!names.includes(name)) {
    t.skip(
      `the portal has no credential ${name}: start it through npm run test:e2e (run.js passes the fakes' credentials)`,
    );
    return false;
  }
  return true;
}

/** Opens the admin page's register form and chooses the source type. */
async function openRegisterForm(type, id, title) {
  const page = await openAsGuest(browser, '/customer-kpis/admin');
  await page.getByTestId('admin-tab-sources').click({ timeout: 60_000 });
  await page.getByTestId('admin-register').click({ timeout: 30_000 });
  await page.getByTestId('source-form').waitFor();
  await page.getByTestId('source-field-type').selectOption(type);
  await page.getByTestId('source-field-id').fill(id);
  await page.getByTestId('source-field-title').fill(title);
  return page;
}

/**
 * Chooses a credential in the form's credential picker after checking that the picker lists every credential of
 * the fakes (by name, with the URL each may go to).
 */
async function chooseCredential(page, key, name) {
  const select = page.getByTestId(`config-field-${key}`);
  const options = await select
    .locator('option')
    .evaluateAll(nodes => nodes.map(n => ({ value: n.value, text: n.text })));
  for (const [credential, { allowedUrls }] of Object.entries(
    FAKE_CREDENTIALS,
  )) {
    const option = options.find(o => o.value === credential);
    assert.ok(
      option,
      `the credential picker lists ${credential}: ${JSON.stringify(options)}`,
    );
    assert.ok(
      option.text.includes(allowedUrls[0]),
      `${credential} is shown with the URL it may go to: ${option.text}`,
    );
  }
  await select.selectOption(name);
}

/**
 * Presses Test and waits for the dry run's sample; returns the sample's rows as text. Asserts the summary's count
 * of observations and that the sample names Customer Profile only.
 */
async function testRun(page, expectedObservations) {
  await page.getByTestId('source-test').click();
  const result = page.getByTestId('source-dry-run');
  await result.waitFor({ timeout: 60_000 });
  const error = page.getByTestId('source-dry-run-error');
  if (await error.count()) {
    assert.fail(`the test run failed: ${await error.innerText()}`);
  }
  const sample = page.getByTestId('source-dry-run-sample');
  await sample.waitFor({ timeout: 30_000 });
  assert.match(
    await page.getByTestId('source-dry-run-summary').innerText(),
    new RegExp(`\\b${expectedObservations} observations on the first page`),
  );
  const rows = await sample.locator('tbody tr').allInnerTexts();
  assert.ok(rows.length > 0, 'the sample has rows');
  for (const row of rows) {
    assert.ok(
      row.includes(PROFILE_REF),
      `a sample row names ${PROFILE_REF}: ${row}`,
    );
  }
  return rows;
}

/** Closes the form with Cancel: nothing is saved. */
async function cancel(page) {
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page
    .getByTestId('source-form')
    .waitFor({ state: 'detached', timeout: 30_000 });
}

/**
 * Customer Profile's KPIs before and after must match. The demo source may have run in between (it refreshes today's
 * synthetic data every 30 minutes); then the two reads are not comparable and the test says so, leaning on the
 * other checks (no source, no run, no KPI fed by the tested id).
 */
async function assertKpisUnchanged(t, beforeRead, beforeAt, testedId) {
  const afterRead = await entityKpis(PROFILE_PATH);
  for (const kpi of afterRead.kpis) {
    assert.ok(
      !kpi.sources.includes(testedId),
      `${kpi.kpi} of Customer Profile is not fed by ${testedId}`,
    );
  }
  const strip = response =>
    response.kpis.map(({ kpi, summary, sources, lastUpdated }) => ({
      kpi,
      summary,
      sources,
      lastUpdated,
    }));
  try {
    assert.deepEqual(strip(afterRead), strip(beforeRead));
  } catch (error) {
    const ids = await sourceIds();
    const runsBetween = (await Promise.all(ids.map(sourceRuns)))
      .flat()
      .filter(run => Date.parse(run.finishedAt ?? run.startedAt) >= beforeAt);
    if (runsBetween.length === 0) throw error;
    t.diagnostic(
      `Customer Profile's KPIs changed while ${runsBetween
        .map(r => `${r.sourceId} (${r.trigger})`)
        .join(', ')} ran; the before/after comparison is left out this time`,
    );
  }
}

test('a ServiceNow source tested on the admin page shows a sample of Customer Profile and stores nothing', async t => {
  if (!(await requireFakeCredentials(t, 'e2e-servicenow'))) return;
  const id = `e2e-servicenow-${RUN}`;
  const sourcesBefore = await sourceIds();
  const beforeAt = Date.now();
  const kpisBefore = await entityKpis(PROFILE_PATH);

  const page = await openRegisterForm('servicenow', id, 'ServiceNow (e2e)');
  await page.getByTestId('config-field-baseUrl').fill(servicenow.url);
  await page.getByTestId('config-field-auth.type').selectOption('basic');
  await page.getByTestId('config-field-auth.username').fill(SERVICENOW_USER);
  await chooseCredential(page, 'auth.credential', 'e2e-servicenow');
  const auth = page.getByTestId('config-group-auth');
  await auth.scrollIntoViewIfNeeded();
  await auth.screenshot({ path: screenshotPath('admin-servicenow-auth') });

  // The fake's resolved incidents of Customer Profile's business service: one time-to-resolve observation each.
  const resolved = servicenow.records.filter(
    r => r.business_service === PROFILE_BUSINESS_SERVICE && r.resolved_at,
  );
  const rows = await testRun(page, resolved.length);
  assert.ok(rows.every(row => /time.to.resolve|resolve/i.test(row)));
  const tableRequests = servicenow.requests.filter(r =>
    r.path.startsWith('/api/now/table/incident'),
  );
  assert.ok(tableRequests.length > 0, 'the test run read the incident table');
  assert.ok(
    tableRequests.every(r => r.authorization?.startsWith('Basic ')),
    'with basic auth',
  );
  assert.ok(
    !(await page.content()).includes(FAKE_CREDENTIALS['e2e-servicenow'].secret),
    'the page never shows the password',
  );
  await page.getByTestId('source-dry-run').scrollIntoViewIfNeeded();
  await page.screenshot({
    path: screenshotPath('admin-servicenow-test-run'),
    fullPage: true,
  });
  await assertNoSeriousA11yViolations(
    page,
    'the ServiceNow source form with a test run',
    '[role="dialog"]',
  );
  await cancel(page);

  assert.deepEqual(await sourceIds(), sourcesBefore, 'no source was saved');
  assert.deepEqual(await sourceRuns(id), [], 'no run was recorded');
  await assertKpisUnchanged(t, kpisBefore, beforeAt, id);
});

test('a Jira Service Management source tested on the admin page shows a sample of Customer Profile and stores nothing', async t => {
  if (!(await requireFakeCredentials(t, 'e2e-jira'))) return;
  const id = `e2e-jsm-${RUN}`;
  const sourcesBefore = await sourceIds();
  const beforeAt = Date.now();
  const kpisBefore = await entityKpis(PROFILE_PATH);

  const page = await openRegisterForm(
    'jira-service-management',
    id,
    'Jira Service Management (e2e)',
  );
  await page.getByTestId('config-field-baseUrl').fill(jira.url);
  await page.getByTestId('config-field-email').fill(JIRA_EMAIL);
  await chooseCredential(page, 'credential', 'e2e-jira');

  // Customer Profile's project: a time-to-resolve observation per resolved request, a CSAT one per rating.
  const profileIssues = jira.issues.filter(
    i => i.fields.project.key === PROFILE_JIRA_PROJECT,
  );
  const resolved = profileIssues.filter(i => i.fields.resolutiondate);
  const rated = resolved.filter(i => i.rating !== undefined);
  const rows = await testRun(page, resolved.length + rated.length);
  assert.ok(
    rows.some(row => /satisfaction/i.test(row)),
    `the sample shows a CSAT answer: ${rows.join(' | ')}`,
  );
  assert.ok(
    jira.requests.some(r => r.path.startsWith('/rest/api/3/search/jql?')),
    'the test run searched with JQL on /rest/api/3/search/jql',
  );
  assert.ok(
    jira.requests.some(r =>
      r.path.startsWith(
        `/rest/servicedeskapi/request/${rated[0].key}/feedback`,
      ),
    ),
    'and read the request feedback',
  );
  assert.ok(
    !(await page.content()).includes(FAKE_CREDENTIALS['e2e-jira'].secret),
    'the page never shows the API token',
  );
  await page.getByTestId('source-dry-run').scrollIntoViewIfNeeded();
  await page.screenshot({
    path: screenshotPath('admin-jsm-test-run'),
    fullPage: true,
  });
  await assertNoSeriousA11yViolations(
    page,
    'the Jira Service Management source form with a test run',
    '[role="dialog"]',
  );
  await cancel(page);

  assert.deepEqual(await sourceIds(), sourcesBefore, 'no source was saved');
  assert.deepEqual(await sourceRuns(id), [], 'no run was recorded');
  await assertKpisUnchanged(t, kpisBefore, beforeAt, id);
});
