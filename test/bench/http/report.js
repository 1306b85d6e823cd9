// The table `npm run bench:http` prints: latencies per read, caller and concurrency with the conditional ÷ allowed
// ratio, ingest and its upkeep, memory, and the size of every customer_kpis table.

const fmt = (n, digits = 0) =>
  Number(n).toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
const mib = bytes => `${fmt(bytes / 1024 / 1024, 2)} MiB`;

/** Prints the run's figures as Markdown tables (stdout). */
function report(r) {
  const { ENTITIES, DAYS, READS, BATCH } = r.settings;
  const lines = [];
  const row = (...cells) => lines.push(`| ${cells.join(' | ')} |`);
  lines.push(
    `bench:http ${new Date().toISOString()} — ${fmt(
      ENTITIES,
    )} components, ${DAYS} days of history, ${READS} requests per phase, ` +
      `PostgreSQL, tree ${r.tree.commit}${
        r.tree.changed.length
          ? ` + uncommitted changes to ${r.tree.changed.join(', ')}`
          : ''
      }`,
    '',
  );
  row(
    'read',
    'caller',
    'c1 p50 / p95 ms',
    'c1 req/s',
    'c16 p50 / p95 ms',
    'c16 req/s',
    'conditional ÷ allowed (p50 c1 / c16)',
  );
  row('---', '---', '---:', '---:', '---:', '---:', '---:');
  const find = (read, caller, c) =>
    r.reads.find(
      x => x.read === read && x.caller === caller && x.concurrency === c,
    );
  for (const read of [...new Set(r.reads.map(x => x.read))]) {
    for (const caller of ['allowed', 'conditional']) {
      const [c1, c16] = [find(read, caller, 1), find(read, caller, 16)];
      const ratio =
        caller === 'conditional'
          ? `${fmt(c1.p50 / find(read, 'allowed', 1).p50, 2)}× / ${fmt(
              c16.p50 / find(read, 'allowed', 16).p50,
              2,
            )}×`
          : '';
      row(
        read,
        caller,
        `${fmt(c1.p50, 1)} / ${fmt(c1.p95, 1)}`,
        fmt(c1.throughput, 1),
        `${fmt(c16.p50, 1)} / ${fmt(c16.p95, 1)}`,
        fmt(c16.throughput, 1),
        ratio,
      );
    }
  }
  lines.push('');
  row('ingest and upkeep', 'measured');
  row('---', '---:');
  row(
    `history: ${fmt(
      r.history,
    )} observations (${DAYS} days × 7 KPIs × components, POSTs of ≤ ${fmt(
      BATCH,
    )})`,
    `${fmt(r.historyTime.ms / 1000, 1)} s, ${fmt(
      r.history / (r.historyTime.ms / 1000),
    )} obs/s`,
  );
  row(
    'first overviews after the history (upkeep)',
    `${fmt(r.historyUpkeep.ms / 1000, 2)} s`,
  );
  row(
    `today: ${fmt(r.todayCount)} observations in ${Math.ceil(
      r.todayCount / BATCH,
    )} POSTs`,
    `${fmt(r.ingest.ms / 1000, 2)} s, ${fmt(
      r.todayCount / (r.ingest.ms / 1000),
    )} obs/s`,
  );
  row(
    'then the first component overview (entity summary upkeep)',
    `${fmt(r.upkeepComponents.ms / 1000, 2)} s`,
  );
  row(
    'then the first system overview (group summary upkeep)',
    `${fmt(r.upkeepSystems.ms / 1000, 2)} s`,
  );
  const together = r.ingest.ms + r.upkeepComponents.ms + r.upkeepSystems.ms;
  row(
    'today with its upkeep',
    `${fmt(together / 1000, 2)} s, ${fmt(
      r.todayCount / (together / 1000),
    )} obs/s`,
  );
  row(
    'backend RSS idle after the load / peak at concurrency 16',
    `${fmt(r.idleRss)} / ${fmt(r.peakRss)} MiB`,
  );
  lines.push('');
  row('table', 'total size (heap, indexes, TOAST)');
  row('---', '---:');
  for (const t of r.sizes.tables) row(t.table, mib(t.bytes));
  const total = r.sizes.tables.reduce((s, t) => s + t.bytes, 0);
  row('all customer_kpis tables', mib(total));
  const size = name => r.sizes.tables.find(t => t.table === name)?.bytes ?? 0;
  const bucketBytes =
    size('customer_kpis_daily_buckets') + size('customer_kpis_recent_buckets');
  row(
    `bytes per bucket (${fmt(r.sizes.buckets)} daily and recent buckets)`,
    fmt(bucketBytes / r.sizes.buckets),
  );
  row(
    `bytes per raw observation (${fmt(r.sizes.observations)} rows)`,
    fmt(size('customer_kpis_observations') / r.sizes.observations),
  );
  console.log(lines.join('\n'));
}

module.exports = { report };
