// Source runs count the observations their pages retracted (issue #15), beside inserted, unchanged and replaced.

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('customer_kpis_source_runs', table => {
    table.integer('retracted').notNullable().defaultTo(0);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('customer_kpis_source_runs', table => {
    table.dropColumn('retracted');
  });
};
