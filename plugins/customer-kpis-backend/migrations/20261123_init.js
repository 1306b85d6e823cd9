// Initial schema of the customer-kpis store: raw observations, daily buckets of KPI aggregates, window
// summaries kept current on ingest, and the catalog metadata the overview filters and groups by.

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  // One row per observation, unique per (source, observation id): a re-sent observation is a no-op and a
  // changed one replaces the old one. Kept for corrections and audits; reads never scan it.
  await knex.schema.createTable('customer_kpis_observations', table => {
    table.string('source', 200).notNullable();
    table.string('observation_id', 200).notNullable();
    table.string('kpi', 40).notNullable();
    table.string('entity_ref', 400).notNullable();
    table
      .string('day', 10)
      .notNullable()
      .comment('UTC day the observation counts on, YYYY-MM-DD');
    table
      .text('payload')
      .notNullable()
      .comment('the validated observation, canonical JSON');
    table.dateTime('received_at', { useTz: true }).notNullable();
    table.primary(['source', 'observation_id']);
    table.index(['received_at'], 'customer_kpis_observations_received_idx');
    table.index(['entity_ref'], 'customer_kpis_observations_entity_idx');
  });

  // The KPI engine's aggregate of all observations of one (entity, KPI, source, day).
  await knex.schema.createTable('customer_kpis_daily_buckets', table => {
    table.string('entity_ref', 400).notNullable();
    table.string('kpi', 40).notNullable();
    table.string('source', 200).notNullable();
    table.string('day', 10).notNullable();
    table.integer('observations').notNullable();
    table.text('aggregate').notNullable();
    table.dateTime('updated_at', { useTz: true }).notNullable();
    table.primary(['entity_ref', 'kpi', 'day', 'source']);
  });

  // The aggregates of the standard windows (30, 90, 365 days ending on as_of) and of the window before each,
  // with the headline value and n denormalised so that the overview sorts and pages in the database.
  await knex.schema.createTable('customer_kpis_window_summaries', table => {
    table.string('entity_ref', 400).notNullable();
    table.string('kpi', 40).notNullable();
    table.integer('window_days').notNullable();
    table.string('as_of', 10).notNullable();
    table.text('current_aggregate').notNullable();
    table.text('previous_aggregate').notNullable();
    table.double('value').nullable();
    table.integer('n').notNullable();
    table
      .text('sources')
      .notNullable()
      .comment('JSON array of the sources with data in either window');
    table.dateTime('last_data_at', { useTz: true }).nullable();
    table.primary(['entity_ref', 'kpi', 'window_days']);
    table.index(
      ['window_days', 'kpi', 'value'],
      'customer_kpis_window_sort_idx',
    );
  });

  // Catalog metadata of the entities, refreshed from the catalog, so that the overview filters in SQL.
  await knex.schema.createTable('customer_kpis_entities', table => {
    table.string('entity_ref', 400).primary();
    table.string('kind', 100).notNullable();
    table.string('namespace', 200).notNullable();
    table.string('name', 200).notNullable();
    table.string('title', 400).nullable();
    table.string('owner', 400).nullable();
    table.string('system', 400).nullable();
    table.string('domain', 400).nullable();
    table.string('lifecycle', 100).nullable();
    table.text('tags').notNullable().comment('JSON array');
    table
      .text('annotations')
      .notNullable()
      .comment('JSON object of the customer-kpis related annotations');
    table.boolean('in_catalog').notNullable().defaultTo(true);
    table.dateTime('refreshed_at', { useTz: true }).notNullable();
    table.index(['kind'], 'customer_kpis_entities_kind_idx');
    table.index(['system'], 'customer_kpis_entities_system_idx');
    table.index(['domain'], 'customer_kpis_entities_domain_idx');
    table.index(['owner'], 'customer_kpis_entities_owner_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('customer_kpis_entities');
  await knex.schema.dropTable('customer_kpis_window_summaries');
  await knex.schema.dropTable('customer_kpis_daily_buckets');
  await knex.schema.dropTable('customer_kpis_observations');
};
