// Data sources registered through the admin API, each source's persisted cursor, and the history of runs.

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  // Sources registered through the API (sources from app-config are read from config, never stored here).
  await knex.schema.createTable('customer_kpis_sources', table => {
    table.string('id', 100).primary();
    table.string('type', 100).notNullable();
    table.string('title', 200).nullable();
    table
      .text('config')
      .notNullable()
      .comment('JSON; credentials appear by name only');
    table
      .text('schedule')
      .notNullable()
      .comment('JSON: { frequency, timeout? }');
    table.dateTime('created_at', { useTz: true }).notNullable();
    table.dateTime('updated_at', { useTz: true }).notNullable();
  });

  // Where a source's next pull starts; written in the same transaction as the page it follows.
  await knex.schema.createTable('customer_kpis_source_cursors', table => {
    table.string('source_id', 100).primary();
    table.text('cursor').notNullable().comment('JSON');
    table.dateTime('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('customer_kpis_source_runs', table => {
    table.increments('id');
    table.string('source_id', 100).notNullable();
    table.string('trigger', 20).notNullable().comment('schedule | manual');
    table
      .string('status', 20)
      .notNullable()
      .comment('running | succeeded | failed');
    table.dateTime('started_at', { useTz: true }).notNullable();
    table.dateTime('finished_at', { useTz: true }).nullable();
    table.integer('pages').notNullable().defaultTo(0);
    table.integer('inserted').notNullable().defaultTo(0);
    table.integer('unchanged').notNullable().defaultTo(0);
    table.integer('replaced').notNullable().defaultTo(0);
    table.integer('entities').notNullable().defaultTo(0);
    table.text('error').nullable();
    table.index(
      ['source_id', 'started_at'],
      'customer_kpis_source_runs_source_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('customer_kpis_source_runs');
  await knex.schema.dropTable('customer_kpis_source_cursors');
  await knex.schema.dropTable('customer_kpis_sources');
};
