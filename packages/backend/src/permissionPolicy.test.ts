// The demo portal's permission policy: its decisions, and the customer-kpis routes behind the real permission backend.
import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  catalogEntityCreatePermission,
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogEntityRefreshPermission,
  catalogLocationCreatePermission,
} from '@backstage/plugin-catalog-common/alpha';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  Permission,
} from '@backstage/plugin-permission-common';
import {
  customerKpisObservationCreatePermission,
  customerKpisSourceManagePermission,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import permissionBackend from '@backstage/plugin-permission-backend';
import customerKpisBackend from '@customer-kpis/backstage-plugin-customer-kpis-backend';
import request from 'supertest';
import { PlatformGroupPolicy } from './permissionPolicy';
import { platformGroupPolicyModule } from './permissionPolicyModule';

jest.setTimeout(60_000);

const PLATFORM_GROUP = 'group:default/platform-engineering';
const MEMBER = 'user:development/guest';
const OUTSIDER = 'user:default/visitor';

/** The groups each user belongs to, as the catalog sign-in puts them into the token's ownership claim. */
const MEMBERSHIPS: Record<string, string[]> = {
  [MEMBER]: [PLATFORM_GROUP],
  [OUTSIDER]: ['group:default/team-checkout'],
};

function userInfoOf(credentials: BackstageCredentials) {
  const { userEntityRef } = credentials.principal as { userEntityRef: string };
  return {
    userEntityRef,
    ownershipEntityRefs: [userEntityRef, ...(MEMBERSHIPS[userEntityRef] ?? [])],
  };
}

/** The user info service, answering from MEMBERSHIPS. */
const userInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({ getUserInfo: async c => userInfoOf(c) }),
});

function decide(
  policy: PlatformGroupPolicy,
  permission: Permission,
  userEntityRef?: string,
) {
  const credentials = userEntityRef && mockCredentials.user(userEntityRef);
  return policy
    .handle(
      { permission },
      credentials ? { credentials, info: userInfoOf(credentials) } : undefined,
    )
    .then(decision => decision.result);
}

const WRITES = [
  customerKpisSourceManagePermission,
  customerKpisObservationCreatePermission,
  catalogEntityCreatePermission,
  catalogEntityRefreshPermission,
  catalogEntityDeletePermission,
  catalogLocationCreatePermission,
];

describe('PlatformGroupPolicy', () => {
  const policy = new PlatformGroupPolicy({
    platformGroup: PLATFORM_GROUP,
    userInfo: { getUserInfo: async c => userInfoOf(c) },
  });

  it.each(WRITES.map(p => [p.name, p]))(
    'allows %s to a member of the platform group and denies it to everyone else',
    async (_name, permission) => {
      expect(await decide(policy, permission, MEMBER)).toBe(
        AuthorizeResult.ALLOW,
      );
      expect(await decide(policy, permission, OUTSIDER)).toBe(
        AuthorizeResult.DENY,
      );
      expect(await decide(policy, permission, undefined)).toBe(
        AuthorizeResult.DENY,
      );
    },
  );

  it('lets everyone read the catalog', async () => {
    for (const user of [MEMBER, OUTSIDER, undefined]) {
      expect(await decide(policy, catalogEntityReadPermission, user)).toBe(
        AuthorizeResult.ALLOW,
      );
    }
  });

  it('matches the configured group written short or in another case, as ownership refs are lower case', async () => {
    const shortForm = new PlatformGroupPolicy({
      platformGroup: 'Platform-Engineering',
      userInfo: { getUserInfo: async c => userInfoOf(c) },
    });
    expect(
      await decide(shortForm, customerKpisSourceManagePermission, MEMBER),
    ).toBe(AuthorizeResult.ALLOW);
    expect(
      await decide(shortForm, customerKpisSourceManagePermission, OUTSIDER),
    ).toBe(AuthorizeResult.DENY);
  });

  it('refuses a platform group that is not an entity ref', () => {
    expect(
      () =>
        new PlatformGroupPolicy({
          platformGroup: 'group:',
          userInfo: { getUserInfo: async c => userInfoOf(c) },
        }),
    ).toThrow();
  });
});

/** Every admin and ingest route of the customer-kpis backend; `no-such-source` is an id that does not exist. */
const GUARDED_ROUTES: Array<
  [method: 'get' | 'post' | 'put' | 'delete', path: string]
> = [
  ['get', '/sources/types'],
  ['get', '/coverage'],
  ['get', '/credentials'],
  ['get', '/sources'],
  ['post', '/sources/test'],
  ['post', '/sources'],
  ['get', '/sources/no-such-source'],
  ['put', '/sources/no-such-source'],
  ['delete', '/sources/no-such-source'],
  ['post', '/sources/no-such-source/run'],
  ['post', '/sources/no-such-source/test'],
  ['get', '/sources/no-such-source/runs'],
  ['post', '/observations'],
];

describe('the demo backend with the policy, through HTTP', () => {
  let api: ReturnType<typeof request>;

  beforeAll(async () => {
    const { server } = await startTestBackend({
      features: [
        customerKpisBackend,
        permissionBackend,
        platformGroupPolicyModule,
        // The real permissions service: user requests go over HTTP to the permission backend and its policy.
        permissionsServiceFactory,
        userInfoFactory,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: { permission: { enabled: true } },
        }),
      ],
    });
    api = request(server);
  });

  function send(
    [method, path]: (typeof GUARDED_ROUTES)[number],
    authorization: string,
  ) {
    const req = api[method](`/api/customer-kpis${path}`).set(
      'Authorization',
      authorization,
    );
    return method === 'post' || method === 'put'
      ? req.send({ observations: [] })
      : req;
  }

  it.each(GUARDED_ROUTES)(
    '%s %s: 403 for a user outside the platform group',
    async (method, path) => {
      const res = await send(
        [method, path],
        mockCredentials.user.header(OUTSIDER),
      );
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(
        /Missing permission customer-kpis\.(source\.manage|observation\.create)/,
      );
    },
  );

  it.each(GUARDED_ROUTES)(
    '%s %s: passes the permission check for a member of the platform group and for a service',
    async (method, path) => {
      for (const authorization of [
        mockCredentials.user.header(MEMBER),
        mockCredentials.service.header(),
      ]) {
        const res = await send([method, path], authorization);
        // Past the check the route answers for itself: a list, a 400 for the empty body, a 404 for no such source.
        expect([200, 201, 202, 400, 404]).toContain(res.status);
      }
    },
  );

  it('lists the sources for a member of the platform group', async () => {
    const res = await api
      .get('/api/customer-kpis/sources')
      .set('Authorization', mockCredentials.user.header(MEMBER));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [] });
  });

  it('still answers the outsider on routes that need no permission', async () => {
    const res = await api
      .get('/api/customer-kpis/kpis')
      .set('Authorization', mockCredentials.user.header(OUTSIDER));
    expect(res.status).toBe(200);
    expect(res.body.kpis).toHaveLength(7);
  });
});

describe('a pipeline with a static token (backend.auth.externalAccess), through the real auth services', () => {
  const PUSH_ONLY = 'push-only-token-0123456789';
  const UNRESTRICTED = 'unrestricted-token-0123456789';
  let api: ReturnType<typeof request>;

  beforeAll(async () => {
    const { server } = await startTestBackend({
      features: [
        customerKpisBackend,
        permissionBackend,
        platformGroupPolicyModule,
        permissionsServiceFactory,
        authServiceFactory,
        httpAuthServiceFactory,
        userInfoFactory,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            backend: {
              auth: {
                externalAccess: [
                  {
                    type: 'static',
                    options: { token: PUSH_ONLY, subject: 'kpi-pipeline' },
                    accessRestrictions: [
                      {
                        plugin: 'customer-kpis',
                        permission: 'customer-kpis.observation.create',
                      },
                    ],
                  },
                  {
                    type: 'static',
                    options: { token: UNRESTRICTED, subject: 'ops-script' },
                  },
                ],
              },
            },
          },
        }),
      ],
    });
    api = request(server);
  });

  it('pushes observations: services are not subject to the user policy', async () => {
    for (const [index, token] of [PUSH_ONLY, UNRESTRICTED].entries()) {
      const res = await api
        .post('/api/customer-kpis/observations')
        .set('Authorization', `Bearer ${token}`)
        .send({
          observations: [
            {
              id: `survey-${index}`,
              kpi: 'recommend',
              entityRef: 'component:default/checkout-service',
              timestamp: new Date(Date.now() - 3_600_000).toISOString(),
              score: 9,
            },
          ],
        });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ inserted: 1 });
    }
  });

  it('manages sources with an unrestricted token, and not with a token restricted to pushing', async () => {
    const open = await api
      .get('/api/customer-kpis/sources')
      .set('Authorization', `Bearer ${UNRESTRICTED}`);
    expect(open.status).toBe(200);
    const restricted = await api
      .get('/api/customer-kpis/sources')
      .set('Authorization', `Bearer ${PUSH_ONLY}`);
    expect(restricted.status).toBe(403);
  });

  it('refuses a request without a token', async () => {
    const res = await api
      .post('/api/customer-kpis/observations')
      .send({ observations: [] });
    expect(res.status).toBe(401);
  });
});
