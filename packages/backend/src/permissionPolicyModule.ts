// Installs the demo portal's permission policy in the permission backend, with the platform group from config.
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  DEFAULT_PLATFORM_GROUP,
  PlatformGroupPolicy,
} from './permissionPolicy';

/** The permission policy of the demo portal: see docs/permissions.md. */
export const platformGroupPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'platform-group-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
        logger: coreServices.logger,
      },
      async init({ policy, config, userInfo, logger }) {
        const platformGroup =
          config.getOptionalString('permission.customerKpis.platformGroup') ??
          DEFAULT_PLATFORM_GROUP;
        logger.info(
          `Only members of ${platformGroup} manage KPI sources, push observations and change the catalog`,
        );
        policy.setPolicy(new PlatformGroupPolicy({ platformGroup, userInfo }));
      },
    });
  },
});
