import { parseObservation } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { SourcePage } from '@customer-kpis/backstage-plugin-customer-kpis-node';
import {
  PullPagesOptions,
  pullPages,
  recordingLogger,
  sendEcho,
  sendJson,
  testEntity,
} from '@customer-kpis/backstage-plugin-customer-kpis-node/testUtils';
import {
  FakePrometheus,
  FakeSeries,
  startFakePrometheus,
} from './__testUtils__/fakePrometheus';
import { isLabelMatcherList, prometheusConfigSchema } from './config';
import { prometheusSourceType } from './prometheusSourceType';

const NOW = new Date('2026-11-23T10:00:00Z');
const endOfDay = (day: string) => Date.parse(`${day}T00:00:00Z`) / 1000 + 86400;

const component = (name: string, selector?: string) =>
  testEntity(
    name,
    selector ? { 'prometheus.io/active-users-selector': selector } : {},
  );

const checkout = component('checkout-service', 'app="checkout"');
const search = component('product-search', 'app="product-search"');

/** Gauges of the 3 days before NOW for each product. */
type Values = Array<number | undefined>;
function gauges(dau: Values, wau: Values, mau: Values, eligible: Values) {
  const days = ['2026-11-20', '2026-11-21', '2026-11-22'];
  const byDay = (values: Values) =>
    Object.fromEntries(
      days.flatMap((day, i) =>
        values[i] === undefined ? [] : [[day, values[i]]],
      ),
    );
  return {
    active_users_daily: byDay(dau),
    active_users_weekly: byDay(wau),
    active_users_monthly: byDay(mau),
    eligible_users: byDay(eligible),
  };
}

const series: FakeSeries = {
  'app="checkout"': gauges(
    [120, 130, 90],
    [400, 410, 380],
    [900, 905, 910],
    [2000, 2000, 2010],
  ),
  'app="product-search"': gauges(
    [50, 60, 70],
    [200, 210, 220],
    [500, 510, 520],
    [1000, 1000, 1000],
  ),
};

/** A pull of checkout and search, without a credential, at NOW; `config` adds to the base config. */
const pull = (
  server: FakePrometheus,
  options: Omit<PullPagesOptions, 'config'> & {
    config?: Record<string, unknown>;
  } = {},
) =>
  pullPages(prometheusSourceType, {
    entities: [checkout, search],
    now: NOW,
    ...options,
    config: {
      baseUrl: server.url,
      historyDays: 3,
      retries: 2,
      minRetryDelayMs: 10,
      ...options.config,
    },
  });

// in the order of the pages: one page per entity
const observationsOf = (pages: SourcePage[]) =>
  pages.flatMap(page => page.observations);
const idsOf = (pages: SourcePage[]) => observationsOf(pages).map(o => o.id);

describe('prometheusSourceType', () => {
  let server: FakePrometheus | undefined;
  const start = async (
    options: Partial<Parameters<typeof startFakePrometheus>[0]> = {},
  ) => {
    server = await startFakePrometheus({ series, ...options });
    return server;
  };
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('binds entities with a selector annotation and feeds adoption only', () => {
    expect(prometheusSourceType.isAvailable(checkout)).toBe(true);
    expect(prometheusSourceType.isAvailable(component('no-selector'))).toBe(
      false,
    );
    expect(prometheusSourceType.annotation).toBe(
      'prometheus.io/active-users-selector',
    );
    expect(prometheusSourceType.kpis).toEqual(['adoption']);
  });

  it('gives one adoption observation per entity and day, from historyDays ago to yesterday, one page per entity', async () => {
    const pages = await pull(await start());
    expect(pages).toHaveLength(2);
    expect(pages[0].observations).toEqual([
      {
        id: 'adoption/2026-11-20/component:default/checkout-service',
        kpi: 'adoption',
        entityRef: 'component:default/checkout-service',
        date: '2026-11-20',
        dau: 120,
        wau: 400,
        mau: 900,
        eligible: 2000,
      },
      {
        id: 'adoption/2026-11-21/component:default/checkout-service',
        kpi: 'adoption',
        entityRef: 'component:default/checkout-service',
        date: '2026-11-21',
        dau: 130,
        wau: 410,
        mau: 905,
        eligible: 2000,
      },
      {
        id: 'adoption/2026-11-22/component:default/checkout-service',
        kpi: 'adoption',
        entityRef: 'component:default/checkout-service',
        date: '2026-11-22',
        dau: 90,
        wau: 380,
        mau: 910,
        eligible: 2010,
      },
    ]);
    expect(pages[0].cursor).toEqual({
      version: 1,
      lastDay: { 'component:default/checkout-service': '2026-11-22' },
    });
    expect(pages[1].cursor).toEqual({
      version: 1,
      lastDay: {
        'component:default/checkout-service': '2026-11-22',
        'component:default/product-search': '2026-11-22',
      },
    });
    for (const o of observationsOf(pages)) {
      expect(parseObservation(o)).toEqual(o);
    }
  });

  it('evaluates the default templates with the selector at the end of each day, a day apart', async () => {
    const fake = await start();
    await pull(fake, { entities: [checkout] });
    expect(fake.queries()).toEqual(
      [
        'max(last_over_time(active_users_daily{ app="checkout" }[1d]))',
        'max(last_over_time(active_users_weekly{ app="checkout" }[1d]))',
        'max(last_over_time(active_users_monthly{ app="checkout" }[1d]))',
        'max(last_over_time(eligible_users{ app="checkout" }[1d]))',
      ].map(query => ({
        query,
        start: endOfDay('2026-11-20'),
        end: endOfDay('2026-11-22'),
        step: 86400,
      })),
    );
  });

  it('uses the query templates of the config, defaults for the rest', async () => {
    const fake = await start();
    await pull(fake, {
      entities: [checkout],
      config: {
        queries: {
          eligible: 'sum(eligible_users{ {{selector}}, tier="paid" })',
        },
      },
    });
    expect(fake.queries().map(q => q.query)[3]).toBe(
      'sum(eligible_users{ app="checkout", tier="paid" })',
    );
  });

  it('on the next run asks only for the days after the cursor', async () => {
    const fake = await start();
    const first = await pull(fake, { now: new Date('2026-11-22T10:00:00Z') });
    // the 19th has no data in Prometheus
    expect(idsOf(first)).toEqual([
      'adoption/2026-11-20/component:default/checkout-service',
      'adoption/2026-11-21/component:default/checkout-service',
      'adoption/2026-11-20/component:default/product-search',
      'adoption/2026-11-21/component:default/product-search',
    ]);
    const before = fake.queries().length;
    const second = await pull(fake, { cursor: first[first.length - 1].cursor });
    expect(
      fake
        .queries()
        .slice(before)
        .map(q => [q.start, q.end]),
    ).toEqual(Array(8).fill([endOfDay('2026-11-22'), endOfDay('2026-11-22')]));
    expect(idsOf(second)).toEqual([
      'adoption/2026-11-22/component:default/checkout-service',
      'adoption/2026-11-22/component:default/product-search',
    ]);
  });

  it('leaves out days on which a gauge is missing or the gauges contradict each other, and does not move the cursor past them', async () => {
    const fake = await start({
      series: {
        // 20th: no eligible users; 21st: more daily than weekly actives; 22nd: nothing yet
        'app="checkout"': gauges(
          [120, 500],
          [400, 410],
          [900, 905],
          [undefined, 2000],
        ),
      },
    });
    const pages = await pull(fake, { entities: [checkout] });
    expect(pages).toEqual([]);
    fake.options.series['app="checkout"'] = gauges(
      [120, 130],
      [400, 410],
      [900, 905],
      [2000, 2000],
    );
    const again = await pull(fake, { entities: [checkout] });
    expect(idsOf(again)).toEqual([
      'adoption/2026-11-20/component:default/checkout-service',
      'adoption/2026-11-21/component:default/checkout-service',
    ]);
    expect(again[0].cursor).toEqual({
      version: 1,
      lastDay: { 'component:default/checkout-service': '2026-11-21' },
    });
  });

  it('sends the named credential as a bearer token', async () => {
    const fake = await start({ authorization: 'Bearer prom-secret' });
    const pages = await pull(fake, {
      config: { credential: 'prometheus' },
      credentials: {
        prometheus: { secret: 'prom-secret', allowedUrls: [fake.url] },
      },
    });
    expect(idsOf(pages)).toHaveLength(6);
    expect(
      fake.requests.every(
        r => r.headers.authorization === 'Bearer prom-secret',
      ),
    ).toBe(true);
  });

  it('fails before any request when the named credential is not configured', async () => {
    const fake = await start();
    await expect(
      pull(fake, { config: { credential: 'prometheus' } }),
    ).rejects.toThrow(
      'Prometheus source: No credential named "prometheus" in customerKpis.credentials',
    );
    expect(fake.requests).toHaveLength(0);
  });

  it('sends the token to no URL that its credential does not allow, failing before any request', async () => {
    const fake = await start();
    const other = `http://127.0.0.1:${Number(new URL(fake.url).port) + 1}`;
    await expect(
      pull(fake, {
        config: { credential: 'prometheus' },
        credentials: {
          prometheus: { secret: 'prom-secret', allowedUrls: [other] },
        },
      }),
    ).rejects.toThrow(
      `Prometheus source: Credential "prometheus" may not be sent to ${fake.url}/api/v1/: customerKpis.credentials.prometheus.allowedUrls allows only ${other}`,
    );
    expect(fake.requests).toHaveLength(0);
  });

  it('declares where it sends its credential, and nothing without one', () => {
    const config = (extra: object) =>
      prometheusConfigSchema.parse({
        baseUrl: 'http://prometheus:9090/prom/',
        ...extra,
      });
    expect(
      prometheusSourceType.credentialTargets!(config({ credential: 'p' })),
    ).toEqual([
      {
        credential: 'p',
        credentialField: 'credential',
        urlField: 'baseUrl',
        url: 'http://prometheus:9090/prom/api/v1/',
      },
    ]);
    expect(prometheusSourceType.credentialTargets!(config({}))).toEqual([]);
  });

  it.each([
    [401, 0],
    [500, 2],
  ])(
    'keeps the token out of the error and the logs when an HTTP %i echoes the request (%i retries logged per query)',
    async (status, retries) => {
      const TOKEN = 'prom-secret-0123456789';
      const fake = await start({
        intercept: (req, res) => {
          sendEcho(req, res, status);
          return true;
        },
      });
      const logger = recordingLogger();
      const error: Error = await pull(fake, {
        entities: [checkout],
        config: { credential: 'prometheus' },
        credentials: {
          prometheus: { secret: TOKEN, allowedUrls: [fake.url] },
        },
        logger,
      }).catch(e => e);
      expect(error.message).toContain(`failed with HTTP ${status}`);
      expect(error.message).toContain('***');
      // four gauges queried at once, each retried
      expect(logger.lines.filter(l => l.level === 'warn')).toHaveLength(
        4 * retries,
      );
      const leaks = [
        TOKEN,
        Buffer.from(TOKEN).toString('base64'),
        encodeURIComponent(`Bearer ${TOKEN}`),
      ];
      for (const text of [error.message, JSON.stringify(logger.lines)]) {
        for (const leak of leaks) expect(text).not.toContain(leak);
      }
    },
  );

  it("reads the other entities when one entity's query fails, then fails naming it with Prometheus' errorType and error", async () => {
    const fake = await start({
      intercept: (req, res) => {
        if (!decodeURIComponent(req.url ?? '').includes('checkout'))
          return false;
        sendJson(res, 400, {
          status: 'error',
          errorType: 'bad_data',
          error: 'invalid parameter "query": 1:30: parse error: unexpected "}"',
        });
        return true;
      },
    });
    const stored: SourcePage[] = [];
    const error: Error = await pull(fake, { stored }).catch(e => e);
    expect(error.message).toContain(
      'Prometheus source: 1 entity failed (the others were read): component:default/checkout-service: Prometheus could not run',
    );
    expect(error.message).toContain(
      '(HTTP 400): bad_data: invalid parameter "query": 1:30: parse error: unexpected "}"',
    );
    expect(idsOf(stored)).toEqual([
      'adoption/2026-11-20/component:default/product-search',
      'adoption/2026-11-21/component:default/product-search',
      'adoption/2026-11-22/component:default/product-search',
    ]);
  });

  it('reports a status "error" answer with its errorType and error', async () => {
    const fake = await start({
      intercept: (_req, res) => {
        sendJson(res, 200, {
          status: 'error',
          errorType: 'timeout',
          error: 'query timed out in expression evaluation',
        });
        return true;
      },
    });
    await expect(pull(fake, { entities: [checkout] })).rejects.toThrow(
      'timeout: query timed out in expression evaluation',
    );
  });

  it('fails on an answer in an unexpected shape, naming the query and the field', async () => {
    const fake = await start({
      intercept: (req, res) => {
        if (!decodeURIComponent(req.url ?? '').includes('active_users_daily'))
          return false;
        sendJson(res, 200, {
          status: 'success',
          data: { resultType: 'matrix', result: [{ metric: {}, values: 3 }] },
        });
        return true;
      },
    });
    await expect(pull(fake, { entities: [checkout] })).rejects.toThrow(
      'component:default/checkout-service: Prometheus answered "max(last_over_time(active_users_daily{ app=\\"checkout\\" }[1d]))" in an unexpected shape: data.result.0.values: Invalid input: expected array, received number',
    );
  });

  it('refuses a template that returns several series', async () => {
    const fake = await start({ duplicated: ['app="checkout"'] });
    await expect(pull(fake, { entities: [checkout] })).rejects.toThrow(
      'returned 2 series; a template must return one (aggregate with max() or sum())',
    );
  });

  it('refuses a selector annotation that is not a list of label matchers, without querying it', async () => {
    const fake = await start();
    const sneaky = component('sneaky', 'app="x"}) or vector(1e9) or (up{a="b"');
    await expect(pull(fake, { entities: [sneaky] })).rejects.toThrow(
      'prometheus.io/active-users-selector must be PromQL label matchers such as app="checkout"',
    );
    expect(fake.requests).toHaveLength(0);
  });

  it('waits the Retry-After of a 429 and retries a 5xx', async () => {
    const fake = await start({
      intercept: (_req, res, index) => {
        if (index === 0) {
          sendJson(
            res,
            429,
            {
              status: 'error',
              errorType: 'unavailable',
              error: 'too many requests',
            },
            { 'retry-after': '1' },
          );
          return true;
        }
        if (index === 1) {
          sendJson(res, 503, {
            status: 'error',
            errorType: 'unavailable',
            error: 'busy',
          });
          return true;
        }
        return false;
      },
    });
    const started = Date.now();
    const pages = await pull(fake, { entities: [checkout] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    expect(idsOf(pages)).toHaveLength(3);
  });

  it('resumes after a failure from the last stored cursor without duplicates or gaps', async () => {
    let failing = true;
    const fake = await start({
      intercept: (req, res) => {
        if (
          !failing ||
          !decodeURIComponent(req.url ?? '').includes('product-search')
        )
          return false;
        sendJson(res, 500, {
          status: 'error',
          errorType: 'internal',
          error: 'boom',
        });
        return true;
      },
    });
    const stored: SourcePage[] = [];
    await expect(pull(fake, { stored })).rejects.toThrow('HTTP 500');
    expect(stored).toHaveLength(1);

    failing = false;
    const resumed = await pull(fake, {
      cursor: stored[stored.length - 1].cursor,
    });
    const storedIds = idsOf(stored);
    const resumedIds = idsOf(resumed);
    expect(resumedIds.filter(id => storedIds.includes(id))).toEqual([]);
    expect([...storedIds, ...resumedIds].sort()).toEqual(
      ['2026-11-20', '2026-11-21', '2026-11-22']
        .flatMap(day => [
          `adoption/${day}/component:default/checkout-service`,
          `adoption/${day}/component:default/product-search`,
        ])
        .sort(),
    );
  });
});

describe('isLabelMatcherList', () => {
  it.each([
    'app="checkout"',
    'app="checkout", env!~"dev|test"',
    " app = 'x' ,",
    'job=~"shop-.*",team!="legacy"',
  ])('accepts %s', selector => {
    expect(isLabelMatcherList(selector)).toBe(true);
  });

  it.each([
    '',
    'app',
    'app=checkout',
    'app="x"} or vector(1)',
    'app="x" app="y"',
    'app="unterminated',
  ])('refuses %j', selector => {
    expect(isLabelMatcherList(selector)).toBe(false);
  });
});
