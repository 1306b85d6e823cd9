import { sourceTypesAddedBy } from '@customer-kpis/backstage-plugin-customer-kpis-node/testUtils';
import customerKpisModulePrometheus, { prometheusSourceType } from './index';

describe('customerKpisModulePrometheus', () => {
  it('adds the prometheus source type to the customer-kpis sources extension point', async () => {
    expect(await sourceTypesAddedBy(customerKpisModulePrometheus)).toEqual([
      prometheusSourceType,
    ]);
  });
});
