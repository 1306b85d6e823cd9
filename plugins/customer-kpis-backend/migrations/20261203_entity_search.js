// The catalog mirror keeps the facts the catalog's permission rules look at (kind, metadata, spec, ownership), so that
// a conditional decision on `catalog.entity.read` is applied in SQL instead of listing the catalog (issue #20).

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('customer_kpis_entity_facts', table => {
    table.string('entity_ref', 400).notNullable();
    table.string('key', 200).notNullable();
    table.string('value', 200).nullable();
    // A rule asks "which entities have this key (with one of these values)"; a sync replaces one entity's facts.
    table.index(['key', 'value'], 'customer_kpis_entity_facts_key_value_idx');
    table.index(['entity_ref'], 'customer_kpis_entity_facts_entity_idx');
  });
  await knex.schema.alterTable('customer_kpis_entities', table => {
    // A digest of the entity's facts: a sync rewrites them only for an entity whose digest changed. Existing rows
    // have none, so the first sync after this migration writes every entity's facts.
    table.string('facts_digest', 64).nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('customer_kpis_entities', table => {
    table.dropColumn('facts_digest');
  });
  await knex.schema.dropTable('customer_kpis_entity_facts');
};
