// Every ingested observation maintained three indexes of the raw table; two of them serve only the daily cleanup.
// On PostgreSQL the received-at index becomes a BRIN index (rows arrive in received-at order, so block ranges
// summarise it well and an insert barely touches it) and the entity index goes: the cleanup of entities that left
// the catalog scans the raw table once a day instead. SQLite keeps its B-tree indexes.

const isPostgres = knex =>
  ['pg', 'postgres', 'postgresql'].includes(String(knex.client.config.client));

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  if (!isPostgres(knex)) return;
  await knex.schema.alterTable('customer_kpis_observations', table => {
    table.dropIndex([], 'customer_kpis_observations_received_idx');
    table.dropIndex([], 'customer_kpis_observations_entity_idx');
  });
  await knex.raw(
    'create index customer_kpis_observations_received_idx on customer_kpis_observations using brin (received_at)',
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (!isPostgres(knex)) return;
  await knex.raw('drop index customer_kpis_observations_received_idx');
  await knex.schema.alterTable('customer_kpis_observations', table => {
    table.index(['received_at'], 'customer_kpis_observations_received_idx');
    table.index(['entity_ref'], 'customer_kpis_observations_entity_idx');
  });
};
