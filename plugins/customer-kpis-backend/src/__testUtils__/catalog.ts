// A small in-memory catalog for router tests that, like the real catalog, only shows a caller what it may read:
// entities tagged `restricted` are hidden from every user but `user:default/admin`, and `user:default/nobody` sees
// nothing; with a permission service that decides `catalog.entity.read` the same way.
import {
  BackstageCredentials,
  PermissionsService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';

function component(
  name: string,
  system: string,
  extra: Partial<Entity['metadata']> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      title: name.replace(/-/g, ' '),
      ...extra,
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: `group:default/team-${system}`,
      system,
    },
  };
}

/** The test catalog: two systems in one domain, three components, one of them restricted. */
export const TEST_ENTITIES: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: { name: 'commerce', namespace: 'default', title: 'Commerce' },
    spec: { owner: 'group:default/team-shop' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'shop', namespace: 'default', title: 'Shop' },
    spec: { owner: 'group:default/team-shop', domain: 'commerce' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'search', namespace: 'default', title: 'Search' },
    spec: { owner: 'group:default/team-search', domain: 'commerce' },
  },
  component('checkout-service', 'shop', {
    annotations: { 'customer-kpis.io/demo': 'enabled' },
  }),
  component('cart-service', 'shop'),
  component('product-search', 'search', { tags: ['restricted'] }),
];

/** The test catalog's read policy: everything, entities not tagged `restricted`, or nothing. */
type CatalogRead = 'all' | 'unrestricted' | 'none';

/** Services and `user:default/admin` read everything, `user:default/nobody` nothing, other users the unrestricted. */
function catalogReadOf(credentials: BackstageCredentials): CatalogRead {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
  };
  if (principal.type !== 'user') return 'all';
  if (principal.userEntityRef === 'user:default/admin') return 'all';
  if (principal.userEntityRef === 'user:default/nobody') return 'none';
  return 'unrestricted';
}

function visibleTo(credentials: BackstageCredentials, entity: Entity): boolean {
  const read = catalogReadOf(credentials);
  return (
    read === 'all' ||
    (read === 'unrestricted' &&
      !(entity.metadata.tags ?? []).includes('restricted'))
  );
}

function matchesKind(entity: Entity, filter: unknown): boolean {
  const filters = ([] as unknown[]).concat(filter ?? []);
  if (filters.length === 0) return true;
  return filters.some(f => {
    const kinds = (f as { kind?: string | string[] }).kind;
    if (kinds === undefined) return true;
    return ([] as string[])
      .concat(kinds)
      .some(k => k.toLowerCase() === entity.kind.toLowerCase());
  });
}

/** A catalog service over {@link TEST_ENTITIES} that filters by the caller. */
export function testCatalog(
  entities: Entity[] = TEST_ENTITIES,
): CatalogService {
  const visible = (credentials: BackstageCredentials) =>
    entities.filter(e => visibleTo(credentials, e));
  const catalog: Partial<CatalogService> = {
    async getEntityByRef(ref, { credentials }) {
      const wanted = (
        typeof ref === 'string' ? ref : stringifyEntityRef(ref)
      ).toLowerCase();
      return visible(credentials).find(
        e => stringifyEntityRef(e).toLowerCase() === wanted,
      );
    },
    async getEntities(request, { credentials }) {
      return {
        items: visible(credentials).filter(e =>
          matchesKind(e, request?.filter),
        ),
      };
    },
    async *streamEntities(request, { credentials }) {
      yield visible(credentials).filter(e =>
        matchesKind(e, (request as { filter?: unknown })?.filter),
      );
    },
  };
  return catalog as CatalogService;
}

/** The service factory that puts {@link testCatalog} in a test backend. */
export function testCatalogFactory(entities?: Entity[]) {
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () => testCatalog(entities),
  });
}

/** The decision on `catalog.entity.read` that matches {@link catalogReadOf}. */
function catalogReadDecision(
  credentials: BackstageCredentials,
): PolicyDecision {
  switch (catalogReadOf(credentials)) {
    case 'all':
      return { result: AuthorizeResult.ALLOW };
    case 'none':
      return { result: AuthorizeResult.DENY };
    default:
      return {
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          not: {
            rule: 'HAS_METADATA',
            resourceType: 'catalog-entity',
            params: { key: 'tags', value: 'restricted' },
          },
        },
      };
  }
}

/**
 * A permission service that decides `catalog.entity.read` the way {@link testCatalog} filters: outright for
 * services and `user:default/admin`, by a rule about each entity (conditional: entities not tagged `restricted`)
 * for other users, and not at all for `user:default/nobody`. Every other permission gets `result`, except for the
 * users of `deniedUsers`, who are denied it.
 */
export function testPermissions(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
  deniedUsers: readonly string[] = [],
): PermissionsService {
  const resultFor = (credentials: BackstageCredentials) => {
    const { userEntityRef } = credentials.principal as {
      userEntityRef?: string;
    };
    return userEntityRef && deniedUsers.includes(userEntityRef)
      ? AuthorizeResult.DENY
      : result;
  };
  return {
    async authorize(requests, { credentials }) {
      return requests.map(() => ({ result: resultFor(credentials) }));
    },
    async authorizeConditional(requests, { credentials }) {
      return requests.map(r =>
        r.permission.name === 'catalog.entity.read'
          ? catalogReadDecision(credentials)
          : { result: resultFor(credentials) },
      );
    },
  };
}

/** The service factory that puts {@link testPermissions} in a test backend. */
export function testPermissionsFactory(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
  deniedUsers: readonly string[] = [],
) {
  return createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: () => testPermissions(result, deniedUsers),
  });
}
