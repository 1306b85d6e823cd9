// The mirror's answer to a conditional `catalog.entity.read` decision against the real catalog's: a set of policies,
// each the decision of one user, applied by the catalog backend (its rules, its index, its SQL) and by the mirror,
// must give the same visible entities, on every database the mirror runs on.
import {
  AuthService,
  BackendFeature,
  BackstageCredentials,
  PermissionsService,
  coreServices,
  createBackendModule,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import catalogBackend from '@backstage/plugin-catalog-backend';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  CatalogService,
  EntityProviderConnection,
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { catalogEntityPermissionResourceRef } from '@backstage/plugin-catalog-node/alpha';
import {
  AuthorizeResult,
  DefinitivePolicyDecision,
  Permission,
  PermissionCondition,
  PermissionCriteria,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { createPermissionRule } from '@backstage/plugin-permission-node';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import { z } from 'zod';
import { createTestDatabases } from '../__testUtils__/databases';
import { CatalogSync } from '../catalog/CatalogSync';
import { MIRRORED_KINDS } from '../catalog/entityRecords';
import { EntityStore } from '../database/EntityStore';
import { applyDatabaseMigrations } from '../database/migrations';
import { readableEntityRefs } from './visibility';

jest.setTimeout(120_000);

const c = catalogConditions;

/** The policies under test: what each user may read, as ownership, kind and RBAC-like policies answer. */
const POLICIES: Record<
  string,
  PermissionCriteria<PermissionCondition<'catalog-entity'>>
> = {
  'user:default/owner': c.isEntityOwner({
    claims: ['group:default/team-a', 'user:default/owner'],
  }),
  'user:default/owner-or-systems': {
    anyOf: [
      c.isEntityOwner({ claims: ['group:ops/team-b'] }),
      c.isEntityKind({ kinds: ['System', 'domain'] }),
    ],
  },
  'user:default/not-gold': {
    not: c.hasLabel({ label: 'tier', value: 'Gold' }),
  },
  'user:default/documented-services': {
    allOf: [
      c.hasSpec({ key: 'type', value: 'service' }),
      c.hasAnnotation({ annotation: 'backstage.io/techdocs-ref' }),
    ],
  },
  'user:default/java': c.hasMetadata({ key: 'tags', value: 'java' }),
  'user:default/with-lifecycle': c.hasSpec({ key: 'lifecycle' }),
  'user:default/ops-namespace': c.hasMetadata({
    key: 'namespace',
    value: 'OPS',
  }),
  'user:default/no-groups-no-demo': {
    not: {
      anyOf: [
        c.isEntityKind({ kinds: ['group'] }),
        c.hasAnnotation({
          annotation: 'customer-kpis.io/demo',
          value: 'enabled',
        }),
      ],
    },
  },
  'user:default/nested': {
    anyOf: [
      {
        allOf: [
          c.isEntityKind({ kinds: ['component'] }),
          { not: c.hasSpec({ key: 'lifecycle', value: 'experimental' }) },
          c.hasLabel({ label: 'tier' }),
        ],
      },
      c.hasMetadata({ key: 'title', value: 'Payments' }),
    ],
  },
};

/** A rule the catalog does not have: only the catalog could apply it (its module registers it). */
const CUSTOM_RULE_USER = 'user:default/custom-rule';

function entity(
  kind: string,
  name: string,
  metadata: Partial<Entity['metadata']> = {},
  spec: JsonObject = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', ...metadata },
    spec,
  };
}

const component = (
  name: string,
  owner: string,
  extra: { metadata?: Partial<Entity['metadata']>; spec?: JsonObject } = {},
) =>
  entity('Component', name, extra.metadata, {
    type: 'service',
    lifecycle: 'production',
    owner,
    system: 'payments',
    ...extra.spec,
  });

/** Entities that tell the policies apart: owners in two namespaces, labels in mixed case, tags, specs, annotations. */
const ENTITIES: Entity[] = [
  entity('Domain', 'commerce', {}, { owner: 'team-a' }),
  entity(
    'System',
    'payments',
    { title: 'Payments' },
    { owner: 'team-a', domain: 'commerce' },
  ),
  entity('System', 'search', {}, { owner: 'group:ops/team-b' }),
  entity('Group', 'team-a', {}, { type: 'team', children: [] }),
  entity(
    'Group',
    'team-b',
    { namespace: 'ops' },
    { type: 'team', children: [] },
  ),
  component('checkout', 'team-a', {
    metadata: {
      labels: { tier: 'gold' },
      tags: ['java', 'payments'],
      annotations: {
        'backstage.io/techdocs-ref': 'dir:.',
        'customer-kpis.io/demo': 'enabled',
      },
    },
  }),
  component('cart', 'group:ops/team-b', {
    metadata: { labels: { Tier: 'silver' }, tags: ['kotlin'] },
  }),
  component('ledger', 'user:default/owner', {
    metadata: {
      annotations: { 'backstage.io/techdocs-ref': 'url:https://docs' },
    },
    spec: { lifecycle: 'experimental' },
  }),
  component('search-api', 'group:ops/team-b', {
    metadata: { namespace: 'ops', labels: { tier: 'GOLD' } },
    spec: { type: 'website', system: 'default/search' },
  }),
  component('batch', 'team-a', {
    metadata: {
      tags: ['python'],
      annotations: { 'customer-kpis.io/demo': 'disabled' },
    },
    spec: { type: 'Service' },
  }),
  entity(
    'Component',
    'orphan',
    { title: 'payments' },
    { type: 'library', lifecycle: 'deprecated', owner: 'team-c' },
  ),
];

/** The policy: each user above gets its conditions on `catalog.entity.read`; everything else is allowed. */
function decide(userRef: string | undefined): PolicyDecision {
  if (userRef === CUSTOM_RULE_USER) {
    return {
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IN_SYSTEM',
        resourceType: 'catalog-entity',
        params: { system: 'payments' },
      },
    };
  }
  const conditions = userRef ? POLICIES[userRef] : undefined;
  return conditions
    ? createCatalogConditionalDecision(catalogEntityReadPermission, conditions)
    : { result: AuthorizeResult.ALLOW };
}

/**
 * The permissions service of every plugin in the test backend: the policy above, decided in process. (The permission
 * backend over HTTP would decide the same, but the test backend's mock tokens lose the calling plugin, so it would
 * refuse the on-behalf-of requests as a user's own.)
 */
const policyPermissions = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: (): PermissionsService => {
    const userOf = (credentials: BackstageCredentials) =>
      (credentials.principal as { userEntityRef?: string }).userEntityRef;
    const decideAll = (
      requests: { permission: Permission }[],
      credentials: BackstageCredentials,
    ) =>
      requests.map(
        ({ permission }): PolicyDecision =>
          permission.name === catalogEntityReadPermission.name
            ? decide(userOf(credentials))
            : { result: AuthorizeResult.ALLOW },
      );
    return {
      async authorizeConditional(requests, { credentials }) {
        return decideAll(requests, credentials);
      },
      async authorize(requests, { credentials }) {
        return decideAll(requests, credentials).map(
          (decision): DefinitivePolicyDecision =>
            decision.result === AuthorizeResult.CONDITIONAL
              ? { result: AuthorizeResult.DENY }
              : decision,
        );
      },
    };
  },
});

/** A rule of the app's own, which the catalog applies and the mirror does not know. */
const inSystem = createPermissionRule({
  name: 'IN_SYSTEM',
  description: 'Entities whose spec names the given system',
  resourceRef: catalogEntityPermissionResourceRef,
  paramsSchema: z.object({ system: z.string() }),
  apply: (resource, { system }) => resource.spec?.system === system,
  toQuery: ({ system }) => ({ key: 'spec.system', values: [system] }),
});

/** The catalog's side: the entities above from a provider, and the app's own rule. */
const catalogModule = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'visibility-test-entities',
  register(env) {
    env.registerInit({
      deps: {
        processing: catalogProcessingExtensionPoint,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({ processing, permissionsRegistry }) {
        permissionsRegistry.addPermissionRules([inSystem]);
        processing.addEntityProvider({
          getProviderName: () => 'visibility-test',
          async connect(connection: EntityProviderConnection) {
            await connection.applyMutation({
              type: 'full',
              entities: ENTITIES.map(e => ({
                entity: {
                  ...e,
                  metadata: {
                    ...e.metadata,
                    annotations: {
                      'backstage.io/managed-by-location': 'url:https://test',
                      'backstage.io/managed-by-origin-location':
                        'url:https://test',
                      ...e.metadata.annotations,
                    },
                  },
                },
                locationKey: 'visibility-test',
              })),
            });
          },
        });
      },
    });
  },
});

describe('readableEntityRefs against the catalog', () => {
  const databases = createTestDatabases();
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let services: {
    catalog: CatalogService;
    permissions: PermissionsService;
    auth: AuthService;
  };

  /** Captures the services a plugin gets, so that the test calls them as the KPI plugin does. */
  const probe: BackendFeature = createBackendPlugin({
    pluginId: 'visibility-probe',
    register(env) {
      env.registerInit({
        deps: {
          catalog: catalogServiceRef,
          permissions: coreServices.permissions,
          auth: coreServices.auth,
        },
        async init(deps) {
          services = deps;
        },
      });
    },
  });

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [catalogBackend, catalogModule, policyPermissions, probe],
    });
    // The catalog processes and stitches the provided entities in the background.
    const credentials = await services.auth.getOwnServiceCredentials();
    for (let i = 0; ; i++) {
      const { items } = await services.catalog.getEntities(
        { filter: { kind: MIRRORED_KINDS } },
        { credentials },
      );
      if (items.length === ENTITIES.length) break;
      if (i > 300) {
        const names = items.map(e => e.metadata.name);
        const missing = ENTITIES.filter(e => !names.includes(e.metadata.name));
        throw new Error(
          `the catalog did not take ${missing.map(e => e.metadata.name)}`,
        );
      }
      await new Promise(r => setTimeout(r, 100));
    }
  });

  afterAll(async () => {
    await backend?.stop();
  });

  describe.each(databases.eachSupportedId())('mirror on %p', databaseId => {
    let knex: Knex;
    let entities: EntityStore;
    let listed: number;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      entities = new EntityStore(knex);
      await new CatalogSync({
        catalog: services.catalog,
        auth: services.auth,
        entities,
        logger: mockServices.logger.mock(),
        bindingAnnotations: () => [],
      }).run();
    });

    afterAll(async () => {
      await knex.destroy();
    });

    /** What the caller sees through the KPI plugin (counting catalog listings) and through the catalog itself. */
    async function bothPaths(user: string) {
      listed = 0;
      // As a plugin calls on behalf of the user whose request it serves (the permission backend refuses a user's
      // own request for a resource permission without a resource).
      const credentials = mockCredentials.user(user, {
        actor: { subject: 'plugin:customer-kpis' },
      });
      const counting: CatalogService = {
        ...services.catalog,
        streamEntities(...args) {
          listed++;
          return services.catalog.streamEntities(...args);
        },
      };
      const mirror = await readableEntityRefs(
        { catalog: counting, permissions: services.permissions, entities },
        credentials,
        MIRRORED_KINDS,
      );
      const { items } = await services.catalog.getEntities(
        { filter: { kind: MIRRORED_KINDS } },
        { credentials },
      );
      const catalog = items.map(e =>
        stringifyEntityRef(e).toLocaleLowerCase('en-US'),
      );
      return { mirror: [...mirror].sort(), catalog: catalog.sort() };
    }

    it.each(Object.keys(POLICIES))(
      'sees what the catalog shows %s, without listing the catalog',
      async user => {
        const { mirror, catalog } = await bothPaths(user);
        expect(mirror).toEqual(catalog);
        expect(listed).toBe(0);
        // Every policy shows some entities and hides others: a test that sees all or none tells nothing.
        expect(catalog.length).toBeGreaterThan(0);
        expect(catalog.length).toBeLessThan(ENTITIES.length);
      },
    );

    it('asks the catalog for a rule it does not know', async () => {
      const { mirror, catalog } = await bothPaths(CUSTOM_RULE_USER);
      expect(listed).toBe(1);
      expect(mirror).toEqual(catalog);
    });

    it('sees everything when the policy allows reading outright', async () => {
      const { mirror, catalog } = await bothPaths('user:default/anyone');
      expect(mirror).toEqual(catalog);
      expect(mirror).toHaveLength(ENTITIES.length);
      expect(listed).toBe(0);
    });
  });
});
