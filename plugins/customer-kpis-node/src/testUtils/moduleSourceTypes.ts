// What a backend module registers at the customer-kpis sources extension point, found by starting it in a test
// backend beside a stand-in for the customer-kpis plugin.
import {
  BackendFeature,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import {
  CustomerKpisSourceType,
  customerKpisSourcesExtensionPoint,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';

/** The source types that `module` adds, in the order it adds them. */
export async function sourceTypesAddedBy(
  module: BackendFeature,
): Promise<CustomerKpisSourceType<any>[]> {
  const added: CustomerKpisSourceType<any>[] = [];
  const plugin = createBackendPlugin({
    pluginId: 'customer-kpis',
    register(env) {
      env.registerExtensionPoint(customerKpisSourcesExtensionPoint, {
        addSourceType: sourceType => added.push(sourceType),
      });
      env.registerInit({ deps: {}, async init() {} });
    },
  });
  const backend = await startTestBackend({ features: [plugin, module] });
  await backend.stop();
  return added;
}
