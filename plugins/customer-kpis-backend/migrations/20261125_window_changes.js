// Window summaries split into closed days and today: the stored aggregates cover the days before `as_of`, today's
// daily buckets are merged in when read, and the summary columns (value, n, the summaries as JSON) are brought up
// to date from change marks that ingest leaves, so that a batch for today writes only its raw rows and buckets.

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('customer_kpis_window_summaries', table => {
    table
      .text('summary')
      .nullable()
      .comment(
        'JSON {current, previous}: the engine summaries of the window (today included) and of the window before',
      );
  });
  // Entities whose summary columns may be behind their aggregates and today's buckets; ingest bumps the
  // version, a refresh deletes the row only if the version is still the one it saw before reading.
  await knex.schema.createTable('customer_kpis_window_changes', table => {
    table.string('entity_ref', 400).primary();
    table.bigInteger('version').notNullable();
  });
  // Rows written before held today in their aggregates: an empty as_of makes every one rebuild on the next read.
  await knex('customer_kpis_window_summaries').update({ as_of: '' });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('customer_kpis_window_changes');
  await knex.schema.alterTable('customer_kpis_window_summaries', table => {
    table.dropColumn('summary');
  });
  await knex('customer_kpis_window_summaries').update({ as_of: '' });
};
