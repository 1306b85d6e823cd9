// Which pages of the plugin the signed-in user may not use, so that an app's navigation can leave them out.
import { usePermission } from '@backstage/plugin-permission-react';
import { customerKpisSourceManagePermission } from '@customer-kpis/backstage-plugin-customer-kpis-common';

/** The extension id of the admin page: the `PageBlueprint` named `admin` of the `customer-kpis` plugin. */
export const CUSTOMER_KPIS_ADMIN_PAGE_ID = 'page:customer-kpis/admin';

/**
 * The extension ids of the customer-kpis pages that the signed-in user may not use. A nav content (the app's
 * `NavContentBlueprint`) takes them out of its `navItems` before rendering the rest. Pages stay mounted (a direct
 * link shows the page's own "no permission" state); only the navigation leaves them out.
 *
 * The admin page is hidden until the permission check has answered, so that a user without the permission never
 * sees the item appear and vanish.
 *
 * @alpha
 */
export function useCustomerKpisHiddenNavItems(): string[] {
  const { allowed } = usePermission({
    permission: customerKpisSourceManagePermission,
  });
  return allowed ? [] : [CUSTOMER_KPIS_ADMIN_PAGE_ID];
}
