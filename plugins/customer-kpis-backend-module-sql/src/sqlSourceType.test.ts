import {
  Observation,
  SQL_KEY_ANNOTATION,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import {
  JsonValue,
  SourcePage,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import {
  pullPages,
  recordingLogger,
  testEntity,
} from '@customer-kpis/backstage-plugin-customer-kpis-node/testUtils';
import { z } from 'zod';
import {
  CHECKOUT,
  SEARCH,
  expectedObservations,
} from './__testUtils__/expected';
import { SqlConfig, sqlConfigSchema } from './config';
import { sqlSourceType } from './sqlSourceType';
import {
  SeedRows,
  TestWarehouse,
  availableClients,
  createWarehouse,
  seedQueries,
  seedRows,
  seedWarehouse,
} from './__testUtils__/warehouses';

jest.setTimeout(60_000);

const PASSWORD = 'wh-Pa55word-never-shown-7f3a';
const NOW = new Date('2026-06-30T12:00:00.000Z');
const TODAY = new Date('2026-06-30T00:00:00.000Z');

const ENTITIES = [
  testEntity('checkout-service', { [SQL_KEY_ANNOTATION]: 'checkout' }),
  testEntity('search-service', { [SQL_KEY_ANNOTATION]: ' search ' }),
  testEntity('other-service'),
];

const byId = (a: Observation, b: Observation) => a.id.localeCompare(b.id);

/** The sql source taking its config as given, so that a test can force a config that the schema refuses. */
const unchecked = { ...sqlSourceType, configSchema: z.custom<SqlConfig>() };

describe.each(availableClients())('sql source on %s', client => {
  let warehouse: TestWarehouse;
  let rows: SeedRows;

  beforeAll(async () => {
    warehouse = await createWarehouse(client, PASSWORD);
    rows = seedRows(TODAY);
    await seedWarehouse(warehouse, rows);
  });

  afterAll(async () => {
    await warehouse?.drop();
  });

  /** The source config of the seeded warehouse, as written in app-config (`pull` parses it). */
  function configWith(extra: Record<string, unknown> = {}) {
    return { ...warehouse.target, queries: seedQueries(warehouse), ...extra };
  }

  /**
   * {@link pullPages} with the warehouse's credential, the catalog and the clock; the pages stored up to the first
   * error, the error, and all that was logged. `forced`: the config is taken as given, past the schema.
   */
  async function pull(
    config: Record<string, unknown>,
    options: {
      cursor?: JsonValue;
      allowedUrls?: string[];
      secret?: string;
      forced?: boolean;
    } = {},
  ) {
    const logger = recordingLogger();
    const pages: SourcePage[] = [];
    const error = await pullPages(options.forced ? unchecked : sqlSourceType, {
      config,
      credentials: {
        warehouse: {
          secret: options.secret ?? PASSWORD,
          allowedUrls: options.allowedUrls ?? [
            warehouse.url ?? 'https://unused.example',
          ],
        },
      },
      entities: ENTITIES,
      cursor: options.cursor,
      logger,
      now: NOW,
      stored: pages,
    }).then(
      () => undefined,
      (e: Error) => e,
    );
    return { pages, error, logged: JSON.stringify(logger.lines) };
  }

  it('reads all seven KPIs, one page per query, as exactly the observations of the seeded rows', async () => {
    const { pages, error } = await pull(configWith());
    expect(error).toBeUndefined();
    const expected = expectedObservations(rows);
    expect(pages.map(p => p.observations[0]?.kpi)).toEqual([
      'adoption',
      'time-to-value',
      'time-to-resolve',
      'customer-effort',
      'satisfaction',
      'retention',
      'recommend',
    ]);
    for (const page of pages) {
      const kpi = page.observations[0].kpi;
      expect([...page.observations].sort(byId)).toEqual(
        [...expected[kpi]].sort(byId),
      );
    }
    expect(pages[6].cursor).toEqual({
      version: 1,
      until: Object.fromEntries(
        Object.keys(expected).map(kpi => [kpi, NOW.toISOString()]),
      ),
    });
  });

  it('reads from the last run less lookbackHours, so a later run reads only the recent rows again', async () => {
    const cursor = {
      version: 1,
      until: { adoption: '2026-06-30T12:00:00.000Z' },
    };
    const config = configWith({
      queries: { adoption: seedQueries(warehouse).adoption },
      lookbackHours: 72,
    });
    const { pages, error } = await pull(config, { cursor });
    expect(error).toBeUndefined();
    // :since is 06-27 12:00, so the days 06-27 (its date) to 06-29 are read again; :until is now.
    expect(
      [...new Set(pages[0].observations.map(o => (o as any).date))].sort(),
    ).toEqual(['2026-06-27', '2026-06-28', '2026-06-29']);
  });

  it('binds rows by entity_key through the annotation and by entity_ref, leaving out rows of unbound entities', async () => {
    const { pages } = await pull(
      configWith({ queries: { recommend: seedQueries(warehouse).recommend } }),
    );
    expect(pages[0].observations.map(o => o.entityRef).sort()).toEqual([
      CHECKOUT,
      CHECKOUT,
      CHECKOUT,
      SEARCH,
    ]);
  });

  it.each([
    ['insert', `INSERT INTO tickets (ticket_id, product) VALUES (9, 'x')`],
    ['update', `UPDATE tickets SET product = 'x'`],
    ['delete', `DELETE FROM tickets`],
  ])(
    'refuses a configured %s before it runs, and a forced one fails the run and changes no row',
    async (_what, statement) => {
      const parsed = sqlConfigSchema.safeParse({
        ...warehouse.target,
        queries: { 'time-to-resolve': statement },
      });
      expect(parsed.success).toBe(false);
      expect(parsed.error!.issues[0]).toMatchObject({
        path: ['queries', 'time-to-resolve'],
        message:
          'must be one SELECT statement (or WITH … SELECT): sql sources only read, in a read-only transaction',
      });

      const before = await warehouse.db('tickets').orderBy('ticket_id');
      const { pages, error } = await pull(
        {
          ...sqlConfigSchema.parse(configWith()),
          queries: { 'time-to-resolve': statement },
        },
        { forced: true },
      );
      expect(pages).toEqual([]);
      expect(error?.message).toMatch(
        /^sql source: the time-to-resolve query (failed|tried to write)/,
      );
      expect(await warehouse.db('tickets').orderBy('ticket_id')).toEqual(
        before,
      );
    },
  );

  if (client !== 'better-sqlite3') {
    it('runs in a read-only transaction: a SELECT that writes through a function fails and changes no row', async () => {
      if (client === 'pg') {
        await warehouse.db
          .raw(`CREATE OR REPLACE FUNCTION ckpi_write() RETURNS integer AS $$
          BEGIN DELETE FROM tickets; RETURN 1; END $$ LANGUAGE plpgsql`);
      } else {
        await warehouse.db
          .raw(`CREATE FUNCTION IF NOT EXISTS ckpi_write() RETURNS INT MODIFIES SQL DATA
          BEGIN DELETE FROM tickets; RETURN 1; END`);
      }
      const before = await warehouse.db('tickets').count({ n: '*' });
      const { error, logged } = await pull(
        configWith({
          queries: {
            'time-to-resolve': `SELECT ticket_id AS id, product AS entity_key, opened_at, resolved_at
              FROM tickets WHERE ckpi_write() = 1`,
          },
        }),
      );
      expect(error?.message).toContain(
        'sql source: the time-to-resolve query tried to write, which the read-only transaction refused (sql sources only read)',
      );
      expect(await warehouse.db('tickets').count({ n: '*' })).toEqual(before);
      expect(`${error?.message}${logged}`).not.toContain(PASSWORD);
    });

    it('cancels a query that runs longer than statementTimeoutSeconds', async () => {
      const sleep = client === 'pg' ? 'pg_sleep(5)' : 'SLEEP(5)';
      const started = Date.now();
      const { error, logged } = await pull(
        configWith({
          statementTimeoutSeconds: 0.5,
          queries: {
            satisfaction: `SELECT response_id AS id, product AS entity_key, answered_at AS ${warehouse.quote(
              'timestamp',
            )}, score FROM csat_responses WHERE ${sleep} IS NOT NULL`,
          },
        }),
      );
      expect(Date.now() - started).toBeLessThan(4_000);
      expect(error?.message).toContain(
        'sql source: the satisfaction query ran longer than statementTimeoutSeconds (0.5 s) and was cancelled',
      );
      expect(`${error?.message}${logged}`).not.toContain(PASSWORD);
    });

    it('asks for the password with the database URL: a credential bound to another database fails before any query', async () => {
      const { pages, error } = await pull(configWith(), {
        allowedUrls: ['postgresql://elsewhere.example:5432/warehouse'],
      });
      expect(pages).toEqual([]);
      expect(error?.message).toContain(
        `sql source: Credential "warehouse" may not be sent to ${warehouse.url}`,
      );
      expect(error?.message).not.toContain(PASSWORD);
    });
  }

  if (client === 'mysql2') {
    it('says that a wrong password was refused without showing it', async () => {
      const wrong = `${PASSWORD}-but-wrong`;
      const { pages, error, logged } = await pull(configWith(), {
        secret: wrong,
      });
      expect(pages).toEqual([]);
      expect(error?.message).toMatch(
        /^sql source: the adoption query failed: Access denied for user/,
      );
      expect(`${error?.message}${logged}`).not.toContain(wrong);
      expect(`${error?.message}${logged}`).not.toContain(PASSWORD);
    });
  }

  it('stops the run at maxRowsPerRun with a clear error, after storing the pages before', async () => {
    const { pages, error } = await pull(configWith({ maxRowsPerRun: 5 }));
    // adoption: 10 rows of the bound products.
    expect(pages).toEqual([]);
    expect(error?.message).toBe(
      'sql source: the adoption query returned more rows than this run may still read (5 of maxRowsPerRun 5); narrow the query or its period (initialLookbackDays, lookbackHours), or raise maxRowsPerRun',
    );
    // The limit counts every row of the run: 10 for adoption leave 2 for time to value, which has 15.
    const second = await pull(configWith({ maxRowsPerRun: 12 }));
    expect(second.pages.map(p => p.observations[0].kpi)).toEqual(['adoption']);
    expect(second.error?.message).toContain(
      'the time-to-value query returned more rows than this run may still read (2 of maxRowsPerRun 12)',
    );
  });

  it('fails the run naming the row and the column when a value does not fit the observation schema', async () => {
    const q = warehouse.quote;
    const { error } = await pull(
      configWith({
        queries: {
          adoption: `SELECT product AS entity_key, day AS date, dau, wau, mau, eligible
            FROM product_usage_daily WHERE product = 'checkout'
            UNION ALL SELECT 'search', '2026-06-20', 50, 10, 80, 100`,
        },
      }),
    );
    expect(error?.message).toBe(
      'sql source: the adoption query, row 6, column dau: dau must not exceed wau',
    );
    const unknown = await pull(
      configWith({
        queries: {
          satisfaction: `SELECT response_id AS id, product AS entity_key, answered_at AS ${q(
            'timestamp',
          )}, score, 'x' AS comment FROM csat_responses`,
        },
      }),
    );
    expect(unknown.error?.message).toBe(
      'sql source: the satisfaction query, row 1, column comment: comment is not a field of this observation',
    );
    const noId = await pull(
      configWith({
        queries: {
          satisfaction: `SELECT product AS entity_key, answered_at AS ${q(
            'timestamp',
          )}, score FROM csat_responses`,
        },
      }),
    );
    expect(noId.error?.message).toBe(
      'sql source: the satisfaction query, row 1: no id column (or it is NULL); satisfaction rows need a stable id, such as the response, ticket or journey id',
    );
  });

  it('runs no query and keeps the cursor when no entity is bound', async () => {
    const pages = await pullPages(sqlSourceType, {
      config: configWith(),
      entities: [],
      now: NOW,
    });
    expect(pages).toEqual([]);
  });
});

describe('sqlSourceType', () => {
  it('is config-only, feeds every KPI and sends its password only to the configured database', () => {
    expect(sqlSourceType.configOnly).toBe(true);
    expect(sqlSourceType.kpis).toHaveLength(7);
    const config = sqlConfigSchema.parse({
      client: 'pg',
      connection: {
        host: 'DB.example',
        database: 'warehouse',
        user: 'kpi_reader',
        credential: 'warehouse-db',
      },
      queries: { adoption: 'SELECT 1' },
    });
    expect(sqlSourceType.credentialTargets!(config)).toEqual([
      {
        credential: 'warehouse-db',
        credentialField: 'connection.credential',
        urlField: 'connection.host',
        url: 'postgresql://DB.example:5432/warehouse',
      },
    ]);
  });

  it.each([
    [
      { client: 'pg', queries: { adoption: 'SELECT 1' } },
      'connection',
      'connection is required with client pg',
    ],
    [
      { client: 'better-sqlite3', queries: { adoption: 'SELECT 1' } },
      'filename',
      'filename is required with client better-sqlite3',
    ],
    [
      { client: 'better-sqlite3', filename: '/x.sqlite', queries: {} },
      'queries',
      'give at least one query, keyed by KPI id',
    ],
    [
      {
        client: 'better-sqlite3',
        filename: '/x.sqlite',
        queries: { nps: 'SELECT 1' },
      },
      'queries',
      'nps',
    ],
    [
      {
        client: 'better-sqlite3',
        filename: '/x.sqlite',
        queries: { adoption: '/* read */ DROP TABLE x' },
      },
      'queries.adoption',
      'must be one SELECT statement',
    ],
  ])('refuses a bad config naming the field: %j', (config, path, message) => {
    const parsed = sqlConfigSchema.safeParse(config);
    expect(parsed.success).toBe(false);
    const issue = parsed.error!.issues[0];
    expect(issue.path.join('.')).toBe(path);
    expect(JSON.stringify(parsed.error!.issues)).toContain(message);
  });
});
