import { PermissionsService } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { TEST_ENTITIES, testCatalog } from '../__testUtils__/catalog';
import { toEntityRecords } from '../catalog/entityRecords';
import { EntityStore } from '../database/EntityStore';
import { applyDatabaseMigrations } from '../database/migrations';
import { readableEntityRefs } from './visibility';

jest.setTimeout(60_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'readableEntityRefs on %p',
  databaseId => {
    let knex: Knex;
    let entities: EntityStore;
    let listed: number;
    const catalog = testCatalog();
    const counting: CatalogService = {
      ...catalog,
      streamEntities(...args) {
        listed++;
        return catalog.streamEntities(...args);
      },
    };
    const decide = (
      result:
        | AuthorizeResult.ALLOW
        | AuthorizeResult.DENY
        | AuthorizeResult.CONDITIONAL,
    ): PermissionsService => ({
      authorize: async () => [],
      authorizeConditional: async () =>
        result === AuthorizeResult.CONDITIONAL
          ? [
              {
                result: AuthorizeResult.CONDITIONAL,
                pluginId: 'catalog',
                resourceType: 'catalog-entity',
                conditions: {
                  rule: 'HAS_METADATA',
                  resourceType: 'catalog-entity',
                  params: {},
                },
              },
            ]
          : [
              {
                result: result as AuthorizeResult.ALLOW | AuthorizeResult.DENY,
              },
            ],
    });

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      entities = new EntityStore(knex);
      await entities.replaceAll(
        toEntityRecords(TEST_ENTITIES, []),
        new Date().toISOString(),
      );
      listed = 0;
    });

    afterEach(async () => {
      await knex.destroy();
    });

    const read = (result: Parameters<typeof decide>[0]) =>
      readableEntityRefs(
        {
          catalog: counting,
          permissions: decide(result),
          entities,
        },
        mockCredentials.user('user:default/alice'),
        ['component'],
      );

    it('answers from the mirror without listing the catalog when reading is allowed outright', async () => {
      expect([...(await read(AuthorizeResult.ALLOW))].sort()).toEqual([
        'component:default/cart-service',
        'component:default/checkout-service',
        'component:default/product-search',
      ]);
      expect(listed).toBe(0);
    });

    it('asks the catalog when the decision is conditional, and sees nothing when denied', async () => {
      expect([...(await read(AuthorizeResult.CONDITIONAL))].sort()).toEqual([
        'component:default/cart-service',
        'component:default/checkout-service',
      ]);
      expect(listed).toBe(1);
      expect(await read(AuthorizeResult.DENY)).toEqual(new Set());
    });
  },
);
