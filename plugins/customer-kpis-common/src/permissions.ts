// The permissions of the customer-kpis plugin, shared by the backend (which enforces them) and the
// frontend (which hides what a user may not do).
import { createPermission } from '@backstage/plugin-permission-common';

/** Push observations through the ingest API. */
export const customerKpisObservationCreatePermission = createPermission({
  name: 'customer-kpis.observation.create',
  attributes: { action: 'create' },
});

/** Register, edit, delete, test and run data sources. */
export const customerKpisSourceManagePermission = createPermission({
  name: 'customer-kpis.source.manage',
  attributes: { action: 'update' },
});

/** Every permission of the plugin, for the permission integration's registry. */
export const customerKpisPermissions = [
  customerKpisObservationCreatePermission,
  customerKpisSourceManagePermission,
];
