// GET /overview through the real backend, on every test database. As CSV: what a spreadsheet reader gets — values
// rounded as the screens show them with their units in the headers, intervals, changes, the unrounded values, and
// the titles of the owner, system and domain beside their refs (only of those the caller may read). As JSON: why a
// change is missing where it is.
import {
  KPI_IDS,
  OverviewResponse,
  overviewResponseSchema,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { parse as parseCsv } from 'csv-parse/sync';
import { Knex } from 'knex';
import request from 'supertest';
import { createTestDatabases } from '../../__testUtils__/databases';
import {
  ADMIN,
  ALICE,
  PIPELINE,
  PRODUCT_SEARCH as SEARCH,
} from '../../__testUtils__/identities';
import { daysAgo } from '../../__testUtils__/observations';
import {
  BILLING,
  CHECKOUT,
  OVERVIEW_BASE as BASE,
  startOverviewBackend,
} from '../../__testUtils__/overviewBackend';

jest.setTimeout(120_000);

const databases = createTestDatabases();

/** One column of each KPI as shown, with the unit it reads in. */
const KPI_VALUE_HEADERS = {
  adoption: 'adoption (%)',
  'time-to-value': 'time-to-value (hours)',
  'time-to-resolve': 'time-to-resolve (hours)',
  'customer-effort': 'customer-effort (score)',
  satisfaction: 'satisfaction (%)',
  retention: 'retention (%)',
  recommend: 'recommend (NPS points)',
};

function observations(): Record<string, unknown>[] {
  const at = (n: number, time: string) => `${daysAgo(n)}T${time}Z`;
  const answers = (kpi: string, scores: number[], day: number, extra = {}) =>
    scores.map((score, i) => ({
      id: `${kpi}-${day}-${i}`,
      kpi,
      entityRef: CHECKOUT,
      timestamp: at(day, `10:0${i}:00`),
      score,
      ...extra,
    }));
  const ticket = (id: string, minutes: number) => {
    const resolvedAt = new Date(at(2, '18:00:00'));
    return {
      id,
      kpi: 'time-to-resolve',
      entityRef: CHECKOUT,
      openedAt: new Date(resolvedAt.getTime() - minutes * 60_000).toISOString(),
      resolvedAt: resolvedAt.toISOString(),
    };
  };
  return [
    // 3 promoters, 2 detractors of 6: NPS 16.666… on screen "+17".
    ...answers('recommend', [10, 10, 9, 6, 0, 8], 1),
    // 3 of 5 satisfied: 60 %; the window before, 1 of 3: a change of 26.666… percentage points.
    ...answers('satisfaction', [5, 4, 4, 2, 1], 1),
    ...answers('satisfaction', [5, 1, 2], 100),
    ...answers('customer-effort', [5, 6], 1, { scale: 7 }),
    // A median of 1,863.48… minutes: 31.1 hours.
    ...[
      1500.5, 1600, 1700, 1800.25, 1863.4800488078536, 1900.75, 2000, 2100,
      2200.5,
    ].map((minutes, i) => ticket(`t${i}`, minutes)),
    // A census (a status at any size), so that the row has an index: 266 of 300 kept (88.66… %, index
    // 93.33…); the window before, 270 of 300 (90 %, index 100).
    {
      id: 'r0',
      kpi: 'retention',
      entityRef: CHECKOUT,
      periodStart: daysAgo(120),
      periodEnd: daysAgo(100),
      start: 300,
      end: 280,
      new: 10,
    },
    {
      id: 'r1',
      kpi: 'retention',
      entityRef: CHECKOUT,
      periodStart: daysAgo(30),
      periodEnd: daysAgo(1),
      start: 300,
      end: 276,
      new: 10,
    },
    // Product search (only the admin reads it): 30 NPS answers in each 90-day window, so that its change is judged.
    ...[5, 95].flatMap(day =>
      Array.from({ length: 30 }, (_, i) => ({
        id: `search-${day}-${i}`,
        kpi: 'recommend',
        entityRef: SEARCH,
        timestamp: at(day, `10:${String(i).padStart(2, '0')}:00`),
        score: i % 3 === 0 ? 3 : 10,
      })),
    ),
  ];
}

describe.each(databases.eachSupportedId())(
  'the overview as CSV on %p',
  databaseId => {
    let knex: Knex;
    let api: ReturnType<typeof request>;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      api = await startOverviewBackend(knex);
      const ingest = await api
        .post(`${BASE}/observations`)
        .set('Authorization', PIPELINE)
        .send({ observations: observations() });
      if (ingest.status !== 200) {
        throw new Error(`ingest answered ${ingest.status}: ${ingest.text}`);
      }
    });

    afterEach(async () => {
      await knex.destroy();
    });

    const overview = async (auth: string, query = '') => {
      const res = await api
        .get(`${BASE}/overview${query}`)
        .set('Authorization', auth);
      expect(res.status).toBe(200);
      return overviewResponseSchema.parse(res.body);
    };

    /** The CSV's header and its rows as objects keyed by header. */
    const csv = async (auth: string, query = '') => {
      const res = await api
        .get(`${BASE}/overview${query}`)
        .set('Authorization', auth)
        .set('Accept', 'text/csv');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      const [header, ...lines] = parseCsv(res.text) as string[][];
      expect(new Set(header).size).toBe(header.length);
      return {
        header,
        rows: lines.map(line =>
          Object.fromEntries(header.map((h, i) => [h, line[i]])),
        ),
      };
    };

    it('heads each column with what it is and its unit', async () => {
      const { header } = await csv(ALICE);

      expect(header.slice(0, 15)).toEqual([
        'title',
        'ref',
        'kind',
        'entities',
        'owner',
        'owner ref',
        'system',
        'system ref',
        'domain',
        'domain ref',
        'lifecycle',
        'window from',
        'window to',
        'cci (0-100)',
        'cci delta (points)',
      ]);
      expect(header.filter(h => h.startsWith('time-to-resolve '))).toEqual([
        'time-to-resolve (hours)',
        'time-to-resolve 95% low (hours)',
        'time-to-resolve 95% high (hours)',
        'time-to-resolve n',
        'time-to-resolve status',
        'time-to-resolve delta (hours)',
        'time-to-resolve change',
        'time-to-resolve significant',
        'time-to-resolve unweighted mean (hours)',
        'time-to-resolve raw (minutes)',
      ]);
      expect(header).toEqual(
        expect.arrayContaining([
          ...Object.values(KPI_VALUE_HEADERS),
          'satisfaction 95% low (%)',
          'satisfaction delta (percentage points)',
          'adoption delta (percentage points)',
          'recommend delta (NPS points)',
          'customer-effort scale',
          'customer-effort delta (score)',
          'satisfaction raw (%)',
          'recommend raw (NPS points)',
          'customer-effort raw (score)',
          'time-to-value raw (minutes)',
          'cci raw (0-100)',
        ]),
      );
      // The unrounded values come last, after every KPI as shown.
      expect(header.slice(-8)).toEqual([
        ...KPI_IDS.map(kpi => expect.stringMatching(`^${kpi} raw \\(`)),
        'cci raw (0-100)',
      ]);
      // Every KPI's columns but its sample size, status, change and significance name their unit.
      for (const h of header.filter(c =>
        KPI_IDS.some(kpi => c.startsWith(`${kpi} `)),
      )) {
        expect([
          h,
          / \(.+\)$| (n|status|change|significant|scale)$/.test(h),
        ]).toEqual([h, true]);
      }
    });

    it('rounds each KPI as the screens show it, beside its unrounded value in the unit of the API', async () => {
      const json = await overview(ALICE);
      const { rows } = await csv(ALICE);
      const jsonCheckout = json.rows.find(r => r.ref === CHECKOUT)!;
      const checkout = rows.find(r => r.ref === CHECKOUT)!;

      expect(checkout['recommend (NPS points)']).toBe('17');
      expect(Number(checkout['recommend raw (NPS points)'])).toBe(
        jsonCheckout.kpis.recommend.value,
      );
      expect(checkout['recommend raw (NPS points)']).toMatch(/^16\.66+/);
      expect(checkout['recommend n']).toBe('6');

      expect(checkout['satisfaction (%)']).toBe('60.0');
      expect(checkout['satisfaction raw (%)']).toBe('60');
      expect(checkout['satisfaction delta (percentage points)']).toBe('26.7');
      expect(jsonCheckout.kpis.satisfaction.delta).toBeCloseTo(80 / 3, 10);
      expect(checkout['satisfaction change']).toBe(
        jsonCheckout.kpis.satisfaction.change,
      );
      expect(checkout['satisfaction significant']).toBe(
        jsonCheckout.kpis.satisfaction.significant ? 'yes' : 'no',
      );

      expect(checkout['customer-effort (score)']).toBe('5.5');
      expect(checkout['customer-effort scale']).toBe('7');

      // Durations: the median in hours to a tenth, and its minutes unrounded.
      expect(jsonCheckout.kpis['time-to-resolve'].value).toBe(
        1863.4800488078536,
      );
      expect(checkout['time-to-resolve (hours)']).toBe('31.1');
      expect(checkout['time-to-resolve raw (minutes)']).toBe(
        '1863.4800488078536',
      );
      expect(checkout['time-to-resolve unweighted mean (hours)']).toBe('31.1');

      expect(checkout['retention (%)']).toBe('88.7');
      expect(checkout['retention delta (percentage points)']).toBe('-1.3');
      expect(jsonCheckout.kpis.retention.delta).toBeCloseTo(-4 / 3, 10);

      // No data: empty cells, never 0.
      expect(checkout['adoption (%)']).toBe('');
      expect(checkout['adoption raw (%)']).toBe('');
      expect(checkout['adoption n']).toBe('0');
      expect(checkout['adoption status']).toBe('insufficient-data');
      expect(checkout['adoption delta (percentage points)']).toBe('');
      const cart = rows.find(r => r.ref === 'component:default/cart-service')!;
      expect(cart['customer-effort (score)']).toBe('');
      expect(cart['customer-effort scale']).toBe('');

      // The index in whole points, its change to a tenth; its unrounded value at the end.
      expect(jsonCheckout.cci.value).toBeCloseTo(280 / 3, 10);
      expect(checkout['cci (0-100)']).toBe('93');
      expect(checkout['cci delta (points)']).toBe('-6.7');
      expect(Number(checkout['cci raw (0-100)'])).toBe(jsonCheckout.cci.value);
      expect(checkout['window from']).toBe(json.window.from);
      expect(checkout['window to']).toBe(json.window.to);
    });

    it('gives the 95% interval of each KPI that has one, rounded like its value', async () => {
      const json = await overview(ALICE);
      const { rows } = await csv(ALICE);
      const cells = json.rows.find(r => r.ref === CHECKOUT)!.kpis;
      const checkout = rows.find(r => r.ref === CHECKOUT)!;

      // The JSON answer carries the intervals the CSV rounds.
      for (const kpi of [
        'recommend',
        'satisfaction',
        'time-to-resolve',
        'retention',
      ] as const) {
        const interval = cells[kpi].interval!;
        expect(interval.low).toBeLessThan(cells[kpi].value!);
        expect(interval.high).toBeGreaterThan(cells[kpi].value!);
      }
      expect(cells.adoption.interval).toBeUndefined();

      // Wilson for 3 of 5: 23.07… to 88.23… %.
      expect(checkout['satisfaction 95% low (%)']).toBe('23.1');
      expect(checkout['satisfaction 95% high (%)']).toBe('88.2');
      // Adjusted Wald for 3 promoters and 2 detractors of 6: −43.9… to 66.1… points.
      expect(cells.recommend.interval!.low).toBeCloseTo(-43.93, 2);
      expect(checkout['recommend 95% low (NPS points)']).toBe('-44');
      expect(checkout['recommend 95% high (NPS points)']).toBe('66');
      // The median's order-statistic interval, 1,495.5… to 2,186.8… minutes, in hours.
      expect(cells['time-to-resolve'].interval!.low).toBeCloseTo(1495.47, 2);
      expect(checkout['time-to-resolve 95% low (hours)']).toBe('24.9');
      expect(checkout['time-to-resolve 95% high (hours)']).toBe('36.4');
      expect(checkout['retention 95% low (%)']).toBe('84.6');
      expect(checkout['retention 95% high (%)']).toBe('91.8');
      expect(checkout['adoption 95% low (%)']).toBe('');
      expect(checkout['adoption 95% high (%)']).toBe('');
    });

    it('names the owner, system and domain by title beside their refs, only those the caller may read', async () => {
      const alice = await csv(ALICE, '?sort=title');
      expect(alice.rows.map(r => [r.title, r.ref])).toEqual([
        ['billing-service', BILLING],
        ['cart service', 'component:default/cart-service'],
        ['checkout service', CHECKOUT],
      ]);
      expect(alice.rows[2]).toMatchObject({
        kind: 'component',
        entities: '1',
        owner: 'Shop Team',
        'owner ref': 'group:default/team-shop',
        system: 'Shop',
        'system ref': 'system:default/shop',
        domain: 'Commerce',
        'domain ref': 'domain:default/commerce',
        lifecycle: 'production',
      });
      // Alice may not read the secret team: its ref, which the row has anyway, but not its title.
      expect(alice.rows[0]).toMatchObject({
        owner: '',
        'owner ref': 'group:default/secret-team',
        system: 'Shop',
      });
      const admin = await csv(ADMIN, '?sort=title');
      expect(admin.rows.find(r => r.ref === BILLING)!.owner).toBe(
        'Secret Team',
      );

      // The JSON answer carries the titles too, beside the refs it always had.
      const json: OverviewResponse = await overview(ALICE, '?sort=title');
      expect(json.rows.map(r => r.ownerTitle)).toEqual([
        null,
        'Shop Team',
        'Shop Team',
      ]);
      expect(json.rows[2]).toMatchObject({
        owner: 'group:default/team-shop',
        systemTitle: 'Shop',
        domainTitle: 'Commerce',
      });
    });

    it('rolls up by system with the group titles and the pooled interval', async () => {
      const { rows } = await csv(ALICE, '?groupBy=system');
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        title: 'Shop',
        ref: 'system:default/shop',
        kind: 'system',
        entities: '3',
        owner: 'Shop Team',
        system: 'Shop',
        domain: 'Commerce',
        'recommend (NPS points)': '17',
        'satisfaction (%)': '60.0',
        'satisfaction 95% low (%)': '23.1',
        'satisfaction 95% high (%)': '88.2',
      });
      // The unweighted mean weighs each component with answers once: only checkout has any.
      expect(rows[0]['satisfaction unweighted mean (%)']).toBe('60.0');
      // The group's stored rollup was brought up to date by the first read; none is left for the upkeep.
      expect((await overview(ALICE, '?groupBy=system')).pending).toEqual({
        entities: 0,
        groups: 0,
      });
    });

    it('says why a change is missing: no data, none in the window before, or too small a sample', async () => {
      const json = await overview(ADMIN);
      expect(json.minimumSample).toBe(30);
      // A read this small takes up all the upkeep within its budget: nothing is left behind.
      expect(json.pending).toEqual({ entities: 0, groups: 0 });
      const reasons = (ref: string) =>
        Object.fromEntries(
          KPI_IDS.map(kpi => {
            const { change, changeReason } = json.rows.find(r => r.ref === ref)!
              .kpis[kpi];
            return [kpi, [change, changeReason]];
          }),
        );
      expect(reasons(CHECKOUT)).toEqual({
        adoption: ['insufficient-data', 'no-data'],
        'time-to-value': ['insufficient-data', 'no-data'],
        'time-to-resolve': ['insufficient-data', 'no-previous-data'],
        'customer-effort': ['insufficient-data', 'no-previous-data'],
        // 5 answers against 3: a delta, but no verdict on it.
        satisfaction: ['insufficient-data', 'small-sample'],
        retention: ['no-significant-change', undefined],
        recommend: ['insufficient-data', 'no-previous-data'],
      });
      // 30 answers in each window: judged, so no reason.
      const search = json.rows.find(r => r.ref === SEARCH)!.kpis.recommend;
      expect(search.change).not.toBe('insufficient-data');
      expect(search.changeReason).toBeUndefined();
      expect(search.delta).toBe(0);
    });

    it('gives the 12-month window no changes over a shorter history, and says so in every cell that has data', async () => {
      for (const query of ['?window=12m', '?window=12m&groupBy=system']) {
        const json = await overview(ADMIN, query);
        expect(json.previousWindow).toEqual({
          from: daysAgo(729),
          to: daysAgo(365),
          days: 365,
        });
        for (const row of json.rows) {
          for (const kpi of KPI_IDS) {
            const cell = row.kpis[kpi];
            expect([row.ref, kpi, cell.delta, cell.changeReason]).toEqual([
              row.ref,
              kpi,
              null,
              cell.value === null ? 'no-data' : 'no-previous-data',
            ]);
          }
          expect(row.cci.delta).toBeNull();
        }
        expect(
          json.rows.some(r => KPI_IDS.some(kpi => r.kpis[kpi].value !== null)),
        ).toBe(true);
      }
    });
  },
);
