import { startTestBackend } from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { customerKpisSourcesExtensionPoint } from '@customer-kpis/backstage-plugin-customer-kpis-node';
import request from 'supertest';
import { customerKpisPlugin } from './plugin';

describe('customerKpisPlugin', () => {
  it('serves /health without credentials and lists the source types that modules registered', async () => {
    const demoModule = createBackendModule({
      pluginId: 'customer-kpis',
      moduleId: 'test-source',
      register(env) {
        env.registerInit({
          deps: { sources: customerKpisSourcesExtensionPoint },
          async init({ sources }) {
            sources.addSourceType({ id: 'test-source' });
          },
        });
      },
    });
    const { server } = await startTestBackend({
      features: [customerKpisPlugin, demoModule],
    });

    const res = await request(server).get('/api/customer-kpis/health');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', sourceTypes: ['test-source'] });
  });
});
