// Tables that are updated in place keep room on each page for the new row version, so that PostgreSQL can make the
// update a HOT update (no new index entries; the old version is pruned when the page is next read) instead of
// growing the table until vacuum runs; and their autovacuum starts after a few dead rows rather than 20 % of the table.
// A source's cursor can be tens of kilobytes (the demo source keeps a day per entity), stored out of line in the
// table's TOAST table: every write leaves the old chunks dead there, which only vacuum reclaims, so that TOAST table
// is vacuumed after 100 dead chunks. Only PostgreSQL has these settings; SQLite rewrites pages in place.
// The settings apply to pages written from now on; a table already bloated shrinks only with VACUUM FULL (or
// pg_repack), see docs/architecture.md.

const isPostgres = knex =>
  ['pg', 'postgres', 'postgresql'].includes(String(knex.client.config.client));

/** Table → storage parameters; every parameter named here is reset on the way down. */
const SETTINGS = {
  customer_kpis_source_cursors: {
    fillfactor: 50,
    autovacuum_vacuum_threshold: 100,
    autovacuum_vacuum_scale_factor: 0,
    'toast.autovacuum_vacuum_threshold': 100,
    'toast.autovacuum_vacuum_scale_factor': 0,
  },
  customer_kpis_window_summaries: {
    fillfactor: 80,
    autovacuum_vacuum_scale_factor: 0.05,
    'toast.autovacuum_vacuum_scale_factor': 0.05,
  },
  customer_kpis_group_summaries: {
    fillfactor: 80,
    autovacuum_vacuum_scale_factor: 0.05,
    'toast.autovacuum_vacuum_scale_factor': 0.05,
  },
  customer_kpis_window_changes: {
    fillfactor: 70,
    autovacuum_vacuum_scale_factor: 0.05,
  },
  customer_kpis_group_changes: {
    fillfactor: 70,
    autovacuum_vacuum_scale_factor: 0.05,
  },
};

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  if (!isPostgres(knex)) return;
  for (const [table, settings] of Object.entries(SETTINGS)) {
    const list = Object.entries(settings)
      .map(([name, value]) => `${name} = ${value}`)
      .join(', ');
    await knex.raw(`alter table ?? set (${list})`, [table]);
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (!isPostgres(knex)) return;
  for (const [table, settings] of Object.entries(SETTINGS)) {
    await knex.raw(
      `alter table ?? reset (${Object.keys(settings).join(', ')})`,
      [table],
    );
  }
};
