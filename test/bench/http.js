// `npm run bench:http`: the customer-kpis API measured end to end, over HTTP, with the real catalog and permission
// framework on PostgreSQL 15 — what `npm run bench` (the store and query services alone) cannot show: the cost of
// a conditional permission decision, of the summary upkeep a read pays after ingest, the tables' size per bucket
// and observation, and the backend's memory. Settings (environment): BENCH_ENTITIES (components, default 5,000;
// systems, domains and groups scale with them), BENCH_HTTP_DAYS (days of history pushed, default 91),
// BENCH_HTTP_READS (requests per measured phase, default 100), BENCH_POSTGRES (server, default the local one),
// BENCH_KEEP=1 (keep the run's databases). Prints one table; exits non-zero only on an error.
const { execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Client } = require('pg');
const { benchCatalog, writeCatalogFile } = require('./http/catalog');
const { historyBatches, todayBatches } = require('./http/observations');
const { closedLoop, rssMiB, watchPeakRss } = require('./http/measure');
const { freePort, startBackend } = require('./http/backend-process');
const { report } = require('./http/report');
const { Api, signIn } = require('./http/api');

const ENTITIES = Number(process.env.BENCH_ENTITIES ?? 5000);
const DAYS = Number(process.env.BENCH_HTTP_DAYS ?? 91);
const READS = Number(process.env.BENCH_HTTP_READS ?? 100);
const POSTGRES =
  process.env.BENCH_POSTGRES ?? 'postgresql://postgres@127.0.0.1:5432';
const KEEP = process.env.BENCH_KEEP === '1';
// The push API's largest batch.
const BATCH = 5000;

const ALLOWED_USER = 'user:default/bench-allowed';
const CONDITIONAL_USER = 'user:default/bench-conditional';

const root = path.resolve(__dirname, '..', '..');
const log = (...args) =>
  console.error(
    `[bench:http ${new Date().toISOString().slice(11, 19)}]`,
    ...args,
  );

function databaseUrl(name) {
  const url = new URL(POSTGRES);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withPostgres(database, work) {
  const client = new Client({ connectionString: databaseUrl(database) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Drops every database whose name starts with the run's prefix. */
async function dropDatabases(prefix) {
  await withPostgres('postgres', async client => {
    const { rows } = await client.query(
      'select datname from pg_database where starts_with(datname, $1)',
      [prefix],
    );
    for (const { datname } of rows) {
      await client.query(`drop database "${datname}" with (force)`);
    }
  });
}

/** The measured tree: HEAD, and whether files differ from it (others may be editing the checkout). */
function measuredTree() {
  const git = args =>
    execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trimEnd();
  const changed = git([
    'status',
    '--porcelain',
    '--untracked-files=no',
    'plugins/customer-kpis-backend/src',
  ]);
  return {
    commit: git(['rev-parse', '--short', 'HEAD']),
    changed: changed ? changed.split('\n').map(l => l.slice(3)) : [],
  };
}

async function waitUntil(check, what, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const last = await check();
    if (last === true) return;
    if (Date.now() > deadline) {
      throw new Error(
        `${what} did not happen within ${timeoutMs / 1000} s (last: ${last})`,
      );
    }
    await new Promise(r => setTimeout(r, 2000));
  }
}

async function timed(work) {
  const t0 = performance.now();
  const result = await work();
  return { ms: performance.now() - t0, result };
}

const OVERVIEW = {
  'overview, components by title':
    '/overview?groupBy=component&window=90d&sort=title',
  'overview, components by recommend':
    '/overview?groupBy=component&window=90d&sort=recommend&order=desc',
  'overview, systems by title':
    '/overview?groupBy=system&window=90d&sort=title',
};

async function main() {
  const tree = measuredTree();
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const prefix = `bench_http_${stamp}_`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-http-'));
  const catalog = benchCatalog(ENTITIES);
  const catalogFile = writeCatalogFile(dir, catalog.entities);
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const serviceToken = crypto.randomBytes(24).toString('hex');
  const pg = new URL(POSTGRES);
  const config = {
    app: { baseUrl },
    backend: {
      baseUrl,
      // Loopback only: the bench's sign-in lets anyone who reaches it act as anyone.
      listen: { host: '127.0.0.1', port },
      database: {
        client: 'pg',
        prefix,
        connection: {
          host: pg.hostname,
          port: Number(pg.port || 5432),
          user: decodeURIComponent(pg.username || 'postgres'),
          password: decodeURIComponent(pg.password || ''),
        },
      },
      auth: {
        externalAccess: [
          {
            type: 'static',
            options: { token: serviceToken, subject: 'bench-pipeline' },
          },
        ],
      },
    },
    auth: { providers: { bench: {} } },
    catalog: {
      rules: [
        {
          allow: ['Component', 'System', 'Domain', 'Group', 'User', 'Location'],
        },
      ],
      locations: [{ type: 'file', target: catalogFile }],
    },
    permission: { enabled: true },
    customerKpis: { minimumSample: 30 },
    bench: {
      // The conditional user owns, through its groups, every component: both users see the same entities, so the
      // ratio of their times is the price of the conditional decision alone.
      users: [
        { ref: ALLOWED_USER, ownership: [] },
        { ref: CONDITIONAL_USER, ownership: catalog.groupRefs },
      ],
      conditionalUsers: [CONDITIONAL_USER],
    },
  };
  const configFile = path.join(dir, 'app-config.json');
  fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
  const logFile = path.join(dir, 'backend.log');
  log(
    `tree ${tree.commit}${
      tree.changed.length ? ` + uncommitted ${tree.changed.join(', ')}` : ''
    }; databases ${prefix}*; backend log ${logFile}`,
  );

  let backend;
  try {
    backend = await startBackend({
      configFile,
      logFile,
      baseUrl,
      timeoutMs: 180_000,
    });
    log(`backend pid ${backend.pid} on port ${port}`);
    const service = new Api(baseUrl, serviceToken);
    const api = `/api/customer-kpis`;
    const callers = {
      allowed: new Api(baseUrl, await signIn(baseUrl, ALLOWED_USER)),
      conditional: new Api(baseUrl, await signIn(baseUrl, CONDITIONAL_USER)),
    };

    const expectedEntities = catalog.entities.length;
    await waitUntil(
      async () => {
        const body = await service.get(
          '/api/catalog/entities/by-query?limit=1',
        );
        return (
          body.totalItems >= expectedEntities || `${body.totalItems} entities`
        );
      },
      `the catalog processing ${expectedEntities} entities`,
      30 * 60_000,
    );
    log('catalog processed');
    for (const [name, caller] of Object.entries(callers)) {
      await waitUntil(
        async () => {
          const body = await caller.get(
            `${api}${OVERVIEW['overview, components by title']}&pageSize=1`,
          );
          return body.total === ENTITIES || `${body.total} components`;
        },
        `the mirror answering ${ENTITIES} components to the ${name} user`,
        10 * 60_000,
      );
    }
    log('mirror complete for both users');

    const today = new Date().toISOString().slice(0, 10);
    let history = 0;
    const historyTime = await timed(async () => {
      for (const batch of historyBatches(
        catalog.componentRefs,
        today,
        DAYS,
        BATCH,
      )) {
        await service.request('POST', `${api}/observations`, {
          source: 'bench',
          observations: batch,
        });
        history += batch.length;
        if (history % 200_000 < batch.length)
          log(`history: ${history} observations`);
      }
    });
    const historyUpkeep = await timed(async () => {
      await callers.allowed.get(
        `${api}${OVERVIEW['overview, components by title']}`,
      );
      await callers.allowed.get(
        `${api}${OVERVIEW['overview, systems by title']}`,
      );
    });
    log(
      `history pushed: ${history} observations in ${(
        historyTime.ms / 1000
      ).toFixed(1)} s`,
    );

    let todayCount = 0;
    const ingest = await timed(async () => {
      for (const batch of todayBatches(catalog.componentRefs, today, BATCH)) {
        await service.request('POST', `${api}/observations`, {
          source: 'bench',
          observations: batch,
        });
        todayCount += batch.length;
      }
    });
    const upkeepComponents = await timed(() =>
      callers.allowed.get(`${api}${OVERVIEW['overview, components by title']}`),
    );
    const upkeepSystems = await timed(() =>
      callers.allowed.get(`${api}${OVERVIEW['overview, systems by title']}`),
    );
    log(`today pushed: ${todayCount} observations`);

    // Idle after the load: a few seconds for the one-minute tasks' garbage to settle.
    await new Promise(r => setTimeout(r, 5000));
    const idleRss = rssMiB(backend.pid);

    const readRoutes = {
      'entity read (7 KPIs + sparklines)': i =>
        `${api}/entities/component/default/${
          catalog.componentRefs[(i * 7919) % ENTITIES].split('/')[1]
        }/kpis?window=90d`,
      ...Object.fromEntries(
        Object.entries(OVERVIEW).map(([name, route]) => [
          name,
          () => `${api}${route}`,
        ]),
      ),
    };
    const reads = [];
    let peakRss = 0;
    for (const concurrency of [1, 16]) {
      const stopWatching =
        concurrency === 16 ? watchPeakRss(backend.pid) : undefined;
      for (const [read, route] of Object.entries(readRoutes)) {
        for (const [name, caller] of Object.entries(callers)) {
          // Warm-up: connections, caches and the JIT, not measured.
          for (let i = 0; i < 3; i++) await caller.get(route(i));
          const result = await closedLoop(i => caller.get(route(i)), {
            requests: Math.max(READS, concurrency),
            concurrency,
          });
          reads.push({ read, caller: name, concurrency, ...result });
          log(
            `${read}, ${name}, c${concurrency}: p50 ${result.p50.toFixed(
              1,
            )} ms`,
          );
        }
      }
      if (stopWatching) peakRss = stopWatching();
    }

    const sizes = await withPostgres(`${prefix}customer-kpis`, async client => {
      const { rows } = await client.query(
        `select c.relname as table, pg_total_relation_size(c.oid)::bigint as bytes, c.reltuples::bigint as estimate
           from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where c.relkind = 'r' and n.nspname = 'public' and c.relname like 'customer_kpis%'
          order by 2 desc`,
      );
      const count = async table =>
        Number(
          (await client.query(`select count(*) as n from ${table}`)).rows[0].n,
        );
      return {
        tables: rows.map(r => ({ table: r.table, bytes: Number(r.bytes) })),
        buckets:
          (await count('customer_kpis_daily_buckets')) +
          (await count('customer_kpis_recent_buckets')),
        observations: await count('customer_kpis_observations'),
      };
    });

    report({
      settings: { ENTITIES, DAYS, READS, BATCH },
      tree,
      history,
      historyTime,
      historyUpkeep,
      todayCount,
      ingest,
      upkeepComponents,
      upkeepSystems,
      idleRss,
      peakRss,
      reads,
      sizes,
      today,
    });
  } finally {
    if (backend) await backend.stop();
    if (KEEP) {
      log(`kept the databases ${prefix}* (BENCH_KEEP=1) and ${dir}`);
    } else {
      await dropDatabases(prefix);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
