// Group-level window summaries (system, domain, owner), so that the grouped overview reads one row per group and
// KPI instead of merging every member's summaries per request.

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  // The rollup of one KPI over the components of a group for one standard window: the pooled summary, the
  // unweighted mean and the pooled summary of the window before, as computed by the KPI engine's `rollup`.
  await knex.schema.createTable('customer_kpis_group_summaries', table => {
    table
      .string('group_by', 20)
      .notNullable()
      .comment(
        'the entity column the group comes from: system, domain or owner',
      );
    table.string('group_ref', 400).notNullable();
    table.string('kpi', 40).notNullable();
    table.integer('window_days').notNullable();
    table.string('as_of', 10).notNullable();
    table
      .string('members_hash', 64)
      .notNullable()
      .comment('sha1 of the sorted member refs the rollup was computed from');
    table.integer('members').notNullable();
    table.double('value').nullable().comment('the pooled value');
    table.integer('n').notNullable();
    table
      .text('rollup')
      .notNullable()
      .comment(
        'JSON: { current: rollup of the window, previous: pooled summary of the window before }',
      );
    table.dateTime('computed_at', { useTz: true }).notNullable();
    table.primary(['group_by', 'group_ref', 'kpi', 'window_days']);
  });

  // Groups whose members got data since their summaries were computed: ingest bumps the version, a refresh
  // deletes the row only if the version is still the one it saw before reading the members.
  await knex.schema.createTable('customer_kpis_group_changes', table => {
    table.string('group_by', 20).notNullable();
    table.string('group_ref', 400).notNullable();
    table.integer('version').notNullable();
    table.primary(['group_by', 'group_ref']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('customer_kpis_group_changes');
  await knex.schema.dropTable('customer_kpis_group_summaries');
};
