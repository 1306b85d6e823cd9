// POST /imports and the CSV templates through the real backend, on every test database: dry runs, the validation
// report, all-or-nothing files, runs, and a 100,000-row file in one request.
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  MAX_IMPORT_ROWS,
  addDaysToDay,
  computeNps,
  csvTemplateOf,
  utcDay,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { parse as parseCsv } from 'csv-parse/sync';
import { Knex } from 'knex';
import request from 'supertest';
import {
  testCatalogFactory,
  testPermissionsFactory,
} from '../../__testUtils__/catalog';
import { createTestDatabases } from '../../__testUtils__/databases';
import { customerKpisPlugin } from '../../plugin';

jest.setTimeout(300_000);

const databases = createTestDatabases();
const BASE = '/api/customer-kpis';
const ADMIN = mockCredentials.user.header('user:default/admin');
const NOBODY = mockCredentials.user.header('user:default/nobody');
const PIPELINE = mockCredentials.service.header();
const day = addDaysToDay(utcDay(new Date()), -3);
const CHECKOUT = 'component:default/checkout-service';

/** NPS answers as a spreadsheet exports them: its own headers, a notes column, one row per answer. */
const NPS_SHEET = [
  'Answer,Service,NPS,Answered at,Notes',
  `a1,${CHECKOUT},10,${day}T09:00:00Z,great`,
  `a2,${CHECKOUT},9,${day}T10:00:00Z,`,
  `a3,${CHECKOUT},3,${day}T11:00:00Z,"slow, again"`,
].join('\n');
const NPS_MAPPING = JSON.stringify({
  Answer: 'id',
  Service: 'entityRef',
  NPS: 'score',
  'Answered at': 'timestamp',
  Notes: '',
});

describe.each(databases.eachSupportedId())('CSV import on %p', databaseId => {
  let knex: Knex;
  let api: ReturnType<typeof request>;

  const countObservations = async () =>
    Number(
      (await knex('customer_kpis_observations').count({ n: '*' }).first())!.n,
    );
  const countRuns = async () =>
    Number(
      (await knex('customer_kpis_source_runs').count({ n: '*' }).first())!.n,
    );
  const post = (
    query: Record<string, string>,
    csv: string,
    as: string = ADMIN,
  ) =>
    api
      .post(`${BASE}/imports?${new URLSearchParams(query)}`)
      .set('Authorization', as)
      .set('Content-Type', 'text/csv')
      .send(csv);

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    const { server } = await startTestBackend({
      features: [
        customerKpisPlugin,
        testCatalogFactory(),
        mockServices.database.factory({ knex }),
        testPermissionsFactory(AuthorizeResult.ALLOW, ['user:default/nobody']),
        mockServices.scheduler.factory(),
      ],
    });
    api = request(server);
  });

  afterAll(async () => {
    await knex.destroy();
  });

  it('answers a dry run with the mapped columns, the rows as observations and a clean report, storing nothing', async () => {
    const res = await post(
      { kpi: 'recommend', mapping: NPS_MAPPING, dryRun: 'true' },
      NPS_SHEET,
    );

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      kpi: 'recommend',
      source: 'csv-import',
      dryRun: true,
      columns: [
        { header: 'Answer', field: 'id' },
        { header: 'Service', field: 'entityRef' },
        { header: 'NPS', field: 'score' },
        { header: 'Answered at', field: 'timestamp' },
        { header: 'Notes', field: null },
      ],
      preview: [10, 9, 3].map((score, i) => ({
        line: i + 2,
        observation: {
          id: `a${i + 1}`,
          kpi: 'recommend',
          entityRef: CHECKOUT,
          timestamp: `${day}T${String(9 + i).padStart(2, '0')}:00:00.000Z`,
          score,
        },
      })),
      report: {
        valid: true,
        rows: 3,
        invalidRows: 0,
        problemCount: 0,
        problems: [],
      },
      counts: null,
      runId: null,
    });
    expect(await countObservations()).toBe(0);
    expect(await countRuns()).toBe(0);
  });

  it('refuses a file with one bad line, storing nothing, and names the line, the column and the reason', async () => {
    const bad = `${NPS_SHEET}\na4,${CHECKOUT},11,${day}T12:00:00Z,\na5,${CHECKOUT},7,yesterday,`;

    const res = await post({ kpi: 'recommend', mapping: NPS_MAPPING }, bad);

    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'The file has 2 problems in 2 of 5 rows (first: line 5, column "NPS": score must be an integer from 0 to 10); nothing was stored',
    );
    expect(res.body.report.problems).toEqual([
      {
        line: 5,
        column: 'NPS',
        field: 'score',
        reason: 'score must be an integer from 0 to 10',
      },
      {
        line: 6,
        column: 'Answered at',
        field: 'timestamp',
        reason: expect.stringMatching(
          /^timestamp must be an ISO 8601 date-time with an offset.*\(got "yesterday"\)$/,
        ),
      },
    ]);
    expect(await countObservations()).toBe(0);
    expect(await countRuns()).toBe(0);
  });

  it('refuses a header the KPI does not have, unless mapped, and a required field without a column', async () => {
    const res = await post(
      { kpi: 'recommend' },
      `id,entityRef,scroe,timestamp\nx,${CHECKOUT},5,${day}T09:00:00Z`,
    );

    expect(res.status).toBe(400);
    expect(res.body.report.problems).toEqual([
      {
        line: 1,
        column: 'scroe',
        field: null,
        reason:
          '"scroe" is not a field of recommend observations (id, entityRef, timestamp, score): map it to one, or to "" to ignore it',
      },
      {
        line: 1,
        column: null,
        field: 'score',
        reason: 'no column fills the required field score',
      },
    ]);
  });

  it('imports a file as a run of its source; the same file again changes nothing; a changed row replaces', async () => {
    const first = await post(
      { kpi: 'recommend', mapping: NPS_MAPPING, source: 'survey-sheet' },
      NPS_SHEET,
    );
    expect(first.status).toBe(200);
    expect(first.body.counts).toEqual({
      inserted: 3,
      unchanged: 0,
      replaced: 0,
    });

    const again = await post(
      { kpi: 'recommend', mapping: NPS_MAPPING, source: 'survey-sheet' },
      NPS_SHEET.replace(',3,', ',4,'),
    );
    expect(again.body.counts).toEqual({
      inserted: 0,
      unchanged: 2,
      replaced: 1,
    });

    const runs = await api
      .get(`${BASE}/sources/survey-sheet/runs`)
      .set('Authorization', ADMIN);
    expect(runs.status).toBe(200);
    expect(
      runs.body.items.map((r: Record<string, unknown>) => ({
        id: r.id,
        status: r.status,
        trigger: r.trigger,
        pages: r.pages,
        inserted: r.inserted,
        unchanged: r.unchanged,
        replaced: r.replaced,
        entities: r.entities,
      })),
    ).toEqual([
      {
        id: again.body.runId,
        status: 'succeeded',
        trigger: 'manual',
        pages: 1,
        inserted: 0,
        unchanged: 2,
        replaced: 1,
        entities: 1,
      },
      {
        id: first.body.runId,
        status: 'succeeded',
        trigger: 'manual',
        pages: 1,
        inserted: 3,
        unchanged: 0,
        replaced: 0,
        entities: 1,
      },
    ]);
    // The entity's NPS is the engine's over the imported answers as they are now: 10, 9 and 4.
    const kpis = await api
      .get(`${BASE}/entities/component/default/checkout-service/kpis`)
      .set('Authorization', ADMIN);
    const nps = kpis.body.kpis.find(
      (k: { kpi: string }) => k.kpi === 'recommend',
    );
    expect(nps.summary.n).toBe(3);
    expect(nps.summary.value).toBeCloseTo(
      computeNps({ promoters: 2, passives: 0, detractors: 1 }).nps!,
      9,
    );
  });

  it('serves a template per KPI that imports as it is', async () => {
    const res = await api
      .get(`${BASE}/imports/templates/retention.csv`)
      .set('Authorization', ADMIN);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/retention\.csv/);
    const template = csvTemplateOf('retention');
    expect(parseCsv(res.text)).toEqual([template.columns, template.example]);

    const imported = await post(
      { kpi: 'retention', source: 'template-check' },
      res.text,
    );
    expect(imported.status).toBe(200);
    expect(imported.body.counts.inserted).toBe(1);

    const unknown = await api
      .get(`${BASE}/imports/templates/happiness.csv`)
      .set('Authorization', ADMIN);
    expect(unknown.status).toBe(404);
  });

  it('needs customer-kpis.observation.create from users, not from services, and a text/csv body', async () => {
    const before = await countObservations();
    expect(
      (
        await post(
          { kpi: 'recommend', mapping: NPS_MAPPING },
          NPS_SHEET,
          NOBODY,
        )
      ).status,
    ).toBe(403);
    const json = await api
      .post(`${BASE}/imports?kpi=recommend`)
      .set('Authorization', ADMIN)
      .send({ rows: [] });
    expect(json.status).toBe(415);
    expect(json.body.error.message).toMatch(/Content-Type must be text\/csv/);
    expect(await countObservations()).toBe(before);
    const service = await post(
      { kpi: 'recommend', mapping: NPS_MAPPING, source: 'pipeline-sheet' },
      NPS_SHEET,
      PIPELINE,
    );
    expect(service.status).toBe(200);
  });

  it(`imports ${MAX_IMPORT_ROWS.toLocaleString(
    'en-US',
  )} rows in one request, in one transaction, and refuses one row more with a 413 that says how to split`, async () => {
    const rows = (count: number) =>
      [
        'id,entityRef,timestamp,score',
        ...Array.from(
          { length: count },
          (_, i) =>
            `big-${i},component:default/service-${i % 50},${addDaysToDay(
              day,
              -(i % 30),
            )}T08:00:00Z,${i % 11}`,
        ),
      ].join('\n');
    const before = await countObservations();

    const tooMany = await post(
      { kpi: 'recommend', source: 'big-sheet' },
      rows(MAX_IMPORT_ROWS + 1),
    );
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.error.message).toMatch(
      /at most 100,000 data rows.*split it into files of at most 100,000 rows, each starting with the header row/,
    );
    expect(await countObservations()).toBe(before);

    const started = Date.now();
    const res = await post(
      { kpi: 'recommend', source: 'big-sheet' },
      rows(MAX_IMPORT_ROWS),
    );
    const seconds = (Date.now() - started) / 1000;
    expect(res.status).toBe(200);
    expect(res.body.counts).toEqual({
      inserted: MAX_IMPORT_ROWS,
      unchanged: 0,
      replaced: 0,
    });
    expect(await countObservations()).toBe(before + MAX_IMPORT_ROWS);
    const [run] = (
      await api
        .get(`${BASE}/sources/big-sheet/runs?limit=1`)
        .set('Authorization', ADMIN)
    ).body.items;
    expect(run).toMatchObject({
      pages: 20,
      inserted: MAX_IMPORT_ROWS,
      entities: 50,
      status: 'succeeded',
    });
    // eslint-disable-next-line no-console
    console.info(
      `${databaseId}: ${MAX_IMPORT_ROWS} CSV rows imported in ${seconds.toFixed(
        1,
      )} s`,
    );
  });
});
