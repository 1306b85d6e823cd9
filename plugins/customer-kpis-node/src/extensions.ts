// The extension point through which backend modules add data-source types to the customer-kpis backend.
import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { CustomerKpisSourceType } from './sourceType';

/** Registry of data-source types offered to backend modules. */
export interface CustomerKpisSourcesExtensionPoint {
  /**
   * Adds a data-source type, making `type: <sourceType.id>` usable in `customerKpis.sources`. Registering two types
   * with the same id is an error.
   */
  addSourceType<TConfig>(sourceType: CustomerKpisSourceType<TConfig>): void;
}

/**
 * Extension point of the customer-kpis backend for data-source modules:
 *
 * ```ts
 * export default createBackendModule({
 *   pluginId: 'customer-kpis',
 *   moduleId: 'my-source',
 *   register(env) {
 *     env.registerInit({
 *       deps: { sources: customerKpisSourcesExtensionPoint },
 *       async init({ sources }) {
 *         sources.addSourceType(mySourceType);
 *       },
 *     });
 *   },
 * });
 * ```
 */
export const customerKpisSourcesExtensionPoint =
  createExtensionPoint<CustomerKpisSourcesExtensionPoint>({
    id: 'customer-kpis.sources',
  });
