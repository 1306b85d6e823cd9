// The backend module that adds the `sql` source type to the customer-kpis backend.
import { createBackendModule } from '@backstage/backend-plugin-api';
import { customerKpisSourcesExtensionPoint } from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { sqlSourceType } from './sqlSourceType';

/** Adds the `sql` data-source type (any KPI from read-only queries on a PostgreSQL, MySQL/MariaDB or SQLite warehouse). */
export const customerKpisModuleSql = createBackendModule({
  pluginId: 'customer-kpis',
  moduleId: 'sql',
  register(env) {
    env.registerInit({
      deps: { sources: customerKpisSourcesExtensionPoint },
      async init({ sources }) {
        sources.addSourceType(sqlSourceType);
      },
    });
  },
});
