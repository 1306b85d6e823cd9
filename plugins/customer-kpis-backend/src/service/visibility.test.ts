import { mockCredentials } from '@backstage/backend-test-utils';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  TEST_ENTITIES,
  testCatalog,
  testPermissions,
} from '../__testUtils__/catalog';
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

    /** What a user may read: admin outright, nobody not at all, alice by a rule about each entity. */
    const read = (user: string) =>
      readableEntityRefs(
        {
          catalog: counting,
          permissions: testPermissions(AuthorizeResult.ALLOW),
          entities,
        },
        mockCredentials.user(user),
        ['component'],
      );

    it('answers from the mirror without listing the catalog when reading is allowed outright', async () => {
      expect([...(await read('user:default/admin'))].sort()).toEqual([
        'component:default/cart-service',
        'component:default/checkout-service',
        'component:default/product-search',
      ]);
      expect(listed).toBe(0);
    });

    it('applies a conditional decision made of the catalog rules to the mirror, and sees nothing when denied', async () => {
      expect([...(await read('user:default/alice'))].sort()).toEqual([
        'component:default/cart-service',
        'component:default/checkout-service',
      ]);
      expect(await read('user:default/nobody')).toEqual(new Set());
      expect(listed).toBe(0);
    });
  },
);
