// The backend that `npm run bench:http` measures: the same plugins as the demo portal's backend (catalog, auth,
// permission framework, customer-kpis), with a bench-only sign-in and policy so that two users can be compared: one
// the policy allows to read the catalog outright, one to whom it answers `catalog.entity.read` conditionally, as
// ownership-based and RBAC policies do. Started by ./run.js under Backstage's TypeScript require hook (the plugin's
// package points at its sources), never in a real portal: anyone who can reach it signs in as anyone.
const { createBackend } = require('@backstage/backend-defaults');
const {
  coreServices,
  createBackendModule,
} = require('@backstage/backend-plugin-api');
const {
  authProvidersExtensionPoint,
  createProxyAuthProviderFactory,
  createProxyAuthenticator,
} = require('@backstage/plugin-auth-node');
const {
  policyExtensionPoint,
} = require('@backstage/plugin-permission-node/alpha');
const { AuthorizeResult } = require('@backstage/plugin-permission-common');
const {
  catalogConditions,
  createCatalogConditionalDecision,
} = require('@backstage/plugin-catalog-backend/alpha');

/**
 * `POST /api/auth/bench/refresh?user=<ref>` signs in as that user of `bench.users`, with the ownership refs listed there
 * (a token is issued without a catalog look-up, as the guest provider does for an unknown user).
 */
const benchSignIn = createBackendModule({
  pluginId: 'auth',
  moduleId: 'bench-sign-in',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ providers, config }) {
        const users = new Map(
          config
            .getConfigArray('bench.users')
            .map(user => [
              user.getString('ref'),
              user.getStringArray('ownership'),
            ]),
        );
        providers.registerProvider({
          providerId: 'bench',
          factory: createProxyAuthProviderFactory({
            authenticator: createProxyAuthenticator({
              defaultProfileTransform: async () => ({ profile: {} }),
              initialize: () => undefined,
              async authenticate({ req }) {
                return { result: { user: String(req.query.user ?? '') } };
              },
            }),
            async signInResolver({ result }, ctx) {
              const ownership = users.get(result.user);
              if (!ownership)
                throw new Error(`unknown bench user ${result.user}`);
              return ctx.issueToken({
                claims: { sub: result.user, ent: [result.user, ...ownership] },
              });
            },
          }),
        });
      },
    });
  },
});

/**
 * Allows everything, except `catalog.entity.read` for the users in `bench.conditionalUsers`: for them it is
 * conditional — the entities they own (through their ownership refs) and every entity of the kinds that carry no
 * owner in the bench's catalog (systems, domains, groups, users, locations).
 */
const benchPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'bench-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        const conditional = new Set(
          config.getStringArray('bench.conditionalUsers'),
        );
        policy.setPolicy({
          async handle(request, user) {
            const ref = user?.info.userEntityRef;
            if (
              request.permission.name === 'catalog.entity.read' &&
              ref &&
              conditional.has(ref)
            ) {
              return createCatalogConditionalDecision(request.permission, {
                anyOf: [
                  catalogConditions.isEntityOwner({
                    claims: user.info.ownershipEntityRefs,
                  }),
                  catalogConditions.isEntityKind({
                    kinds: ['system', 'domain', 'group', 'user', 'location'],
                  }),
                ],
              });
            }
            return { result: AuthorizeResult.ALLOW };
          },
        });
      },
    });
  },
});

const backend = createBackend();
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(benchSignIn);
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(benchPolicy);
backend.add(import('@customer-kpis/backstage-plugin-customer-kpis-backend'));
backend.start();
