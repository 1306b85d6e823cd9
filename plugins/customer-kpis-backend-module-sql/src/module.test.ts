import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import {
  CustomerKpisSourceType,
  customerKpisSourcesExtensionPoint,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import customerKpisModuleSql, { sqlSourceType } from './index';

describe('customerKpisModuleSql', () => {
  it('adds the sql source type to the customer-kpis sources extension point', async () => {
    const added: CustomerKpisSourceType<any>[] = [];
    const backendPlugin = createBackendPlugin({
      pluginId: 'customer-kpis',
      register(env) {
        env.registerExtensionPoint(customerKpisSourcesExtensionPoint, {
          addSourceType: sourceType => added.push(sourceType),
        });
        env.registerInit({ deps: {}, async init() {} });
      },
    });

    await startTestBackend({
      features: [backendPlugin, customerKpisModuleSql],
    });

    expect(added).toEqual([sqlSourceType]);
  });
});
