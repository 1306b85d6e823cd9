import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { componentRecord } from '../__testUtils__/entities';
import { CHECKOUT, SEARCH } from '../__testUtils__/observations';
import { factsDigest } from '../catalog/entityFacts';
import { EntityStore } from './EntityStore';
import { applyDatabaseMigrations } from './migrations';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const component = (entityRef: string, system: string) =>
  componentRecord(entityRef, {
    system,
    tags: ['java'],
    annotations: { 'customer-kpis.io/demo': 'enabled' },
  });

describe.each(databases.eachSupportedId())('EntityStore on %p', databaseId => {
  let knex: Knex;
  let entities: EntityStore;

  beforeEach(async () => {
    knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    entities = new EntityStore(knex);
  });

  afterEach(async () => {
    await knex.destroy();
  });

  const changedAt = async () =>
    Object.fromEntries(
      (
        await knex('customer_kpis_entities').select(
          'entity_ref',
          'refreshed_at',
        )
      ).map(r => [r.entity_ref, new Date(r.refreshed_at).toISOString()]),
    );

  it('writes only new and changed entities, and returns those that left the catalog', async () => {
    const shop = 'system:default/shop';
    await entities.replaceAll(
      [component(CHECKOUT, shop), component(SEARCH, shop)],
      '2026-06-01T00:00:00.000Z',
    );

    // The same catalog again: nothing is written.
    expect(
      await entities.replaceAll(
        [component(CHECKOUT, shop), component(SEARCH, shop)],
        '2026-06-01T00:01:00.000Z',
      ),
    ).toEqual({ written: 0, gone: [] });
    expect(await changedAt()).toEqual({
      [CHECKOUT]: '2026-06-01T00:00:00.000Z',
      [SEARCH]: '2026-06-01T00:00:00.000Z',
    });

    // Search moves to another system; checkout leaves the catalog.
    expect(
      await entities.replaceAll(
        [component(SEARCH, 'system:default/search')],
        '2026-06-01T00:02:00.000Z',
      ),
    ).toEqual({ written: 1, gone: [CHECKOUT] });
    expect(await changedAt()).toEqual({
      [CHECKOUT]: '2026-06-01T00:02:00.000Z',
      [SEARCH]: '2026-06-01T00:02:00.000Z',
    });
    expect((await entities.get(SEARCH))?.system).toBe('system:default/search');
    expect(await entities.get(CHECKOUT)).toBeUndefined();
    expect(await entities.listGone()).toEqual([CHECKOUT]);

    // Checkout comes back unchanged: it is in the catalog again.
    await entities.replaceAll(
      [component(CHECKOUT, shop), component(SEARCH, 'system:default/search')],
      '2026-06-01T00:03:00.000Z',
    );
    const {
      facts: _facts,
      factsDigest: _digest,
      ...record
    } = component(CHECKOUT, shop);
    expect(await entities.get(CHECKOUT)).toEqual(record);
    expect(await entities.listGone()).toEqual([]);
  });

  it('rewrites the facts of an entity only when they changed, and forgets those of entities that left', async () => {
    const withFacts = (entityRef: string, tier: string) => {
      const facts = [
        { key: 'kind', value: 'component' },
        { key: 'metadata.labels.tier', value: tier },
      ];
      return {
        ...component(entityRef, 'system:default/shop'),
        facts,
        factsDigest: factsDigest(facts),
      };
    };
    const gold = { key: 'metadata.labels.tier', values: ['Gold'] };
    await entities.replaceAll(
      [withFacts(CHECKOUT, 'gold'), withFacts(SEARCH, 'silver')],
      '2026-06-01T00:00:00.000Z',
    );
    expect(await entities.listRefsWhere(['component'], gold)).toEqual([
      CHECKOUT,
    ]);

    // Only a fact changed: the entity is written again, with its new facts.
    expect(
      await entities.replaceAll(
        [withFacts(CHECKOUT, 'gold'), withFacts(SEARCH, 'gold')],
        '2026-06-01T00:01:00.000Z',
      ),
    ).toEqual({ written: 1, gone: [] });
    expect((await entities.listRefsWhere(['component'], gold)).sort()).toEqual(
      [CHECKOUT, SEARCH].sort(),
    );
    expect(await entities.listRefsWhere(['component'], { not: gold })).toEqual(
      [],
    );

    // Checkout leaves: its facts go with it, and a kind it does not have shows nothing.
    await entities.replaceAll(
      [withFacts(SEARCH, 'gold')],
      '2026-06-01T00:02:00.000Z',
    );
    expect(await entities.listRefsWhere(['component'], gold)).toEqual([SEARCH]);
    const left = await knex('customer_kpis_entity_facts')
      .where({ entity_ref: CHECKOUT })
      .count({ n: '*' })
      .first();
    expect(Number(left?.n)).toBe(0);
    expect(await entities.listRefsWhere(['system'], gold)).toEqual([]);
  });
});
