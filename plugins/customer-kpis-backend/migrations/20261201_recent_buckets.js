// Daily buckets of the open day (today, UTC) live in a small table of their own until the day closes; the store
// then moves them into customer_kpis_daily_buckets. Ingest for today so never looks up or inserts into the index
// of the whole history (gigabytes at scale, where every lookup is a random read), and reads of today's buckets scan
// a few thousand rows. A bucket is in exactly one of the two tables; readers of a day range read both.

const COLUMNS = [
  'entity_ref',
  'kpi',
  'source',
  'day',
  'observations',
  'aggregate',
  'updated_at',
];

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('customer_kpis_recent_buckets', table => {
    table.string('entity_ref', 400).notNullable();
    table.string('kpi', 40).notNullable();
    table.string('source', 200).notNullable();
    table.string('day', 10).notNullable();
    table.integer('observations').notNullable();
    table.text('aggregate').notNullable();
    table.dateTime('updated_at', { useTz: true }).notNullable();
    table.primary(['entity_ref', 'kpi', 'day', 'source']);
  });
  // Buckets of today (or later) already stored move over, so that the store finds today's buckets in one place.
  const today = new Date().toISOString().slice(0, 10);
  await knex
    .into(knex.raw('?? (??)', ['customer_kpis_recent_buckets', COLUMNS]))
    .insert(
      knex('customer_kpis_daily_buckets')
        .where('day', '>=', today)
        .select(COLUMNS),
    );
  await knex('customer_kpis_daily_buckets').where('day', '>=', today).delete();
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex
    .into(knex.raw('?? (??)', ['customer_kpis_daily_buckets', COLUMNS]))
    .insert(knex('customer_kpis_recent_buckets').select(COLUMNS));
  await knex.schema.dropTable('customer_kpis_recent_buckets');
};
