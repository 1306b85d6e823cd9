import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import {
  CustomerKpisSourceType,
  customerKpisSourcesExtensionPoint,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import customerKpisModuleTypeform, { typeformSourceType } from './index';

describe('customerKpisModuleTypeform', () => {
  it('adds the typeform source type to the customer-kpis sources extension point', async () => {
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
      features: [backendPlugin, customerKpisModuleTypeform],
    });

    expect(added).toEqual([typeformSourceType]);
  });
});
