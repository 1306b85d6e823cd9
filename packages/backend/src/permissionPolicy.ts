// The demo portal's permission policy: everyone reads, only members of the platform group change anything.
import {
  BackstageCredentials,
  BackstageUserInfo,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
  isReadPermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  customerKpisObservationCreatePermission,
  customerKpisSourceManagePermission,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';

/** The group of the example catalog whose members manage KPI data sources. */
export const DEFAULT_PLATFORM_GROUP = 'group:default/platform-engineering';

/** The customer-kpis permissions that only the platform group holds, named so that the docs can list them. */
export const PLATFORM_ONLY_PERMISSIONS = [
  customerKpisSourceManagePermission.name,
  customerKpisObservationCreatePermission.name,
];

/** Reads a user's ownership refs (user ref and groups); `coreServices.userInfo` in the backend. */
export type UserInfoReader = {
  getUserInfo(credentials: BackstageCredentials): Promise<BackstageUserInfo>;
};

/**
 * Least privilege for the demo: every permission whose action is `read` (catalog entities and locations, KPI reads
 * are not behind a permission of their own) is allowed for everyone; every other one (managing KPI sources, pushing
 * observations, registering, refreshing or deleting catalog entities, and any permission this policy does not know)
 * only for users who are direct members of the platform group.
 *
 * Services never reach a policy: the permissions service decides for them from their access restrictions
 * (`backend.auth.externalAccess[].accessRestrictions`), so a pipeline's static token keeps pushing observations.
 */
export class PlatformGroupPolicy implements PermissionPolicy {
  readonly #platformGroup: string;
  readonly #userInfo: UserInfoReader;

  constructor(options: { platformGroup: string; userInfo: UserInfoReader }) {
    // Normalised as the auth backend writes ownership refs (lower case, kind and namespace spelt out).
    this.#platformGroup = stringifyEntityRef(
      parseEntityRef(options.platformGroup, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    ).toLocaleLowerCase('en-US');
    this.#userInfo = options.userInfo;
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const isPlatformOnly = PLATFORM_ONLY_PERMISSIONS.includes(
      request.permission.name,
    );
    if (!isPlatformOnly && isReadPermission(request.permission)) {
      return { result: AuthorizeResult.ALLOW };
    }
    return {
      result: (await this.#isPlatformMember(user))
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY,
    };
  }

  async #isPlatformMember(user?: PolicyQueryUser): Promise<boolean> {
    // No user: an unauthenticated request, only possible with the default auth policy disabled.
    if (!user) return false;
    // `user.info` is deprecated in favour of the user info service, which reads the same token claims.
    const { ownershipEntityRefs } = await this.#userInfo.getUserInfo(
      user.credentials,
    );
    return ownershipEntityRefs.some(
      ref => ref.toLocaleLowerCase('en-US') === this.#platformGroup,
    );
  }
}
