import { sourceTypesAddedBy } from '@customer-kpis/backstage-plugin-customer-kpis-node/testUtils';
import customerKpisModuleDemo, { demoSourceType } from './index';

describe('customerKpisModuleDemo', () => {
  it('adds the demo source type to the customer-kpis sources extension point', async () => {
    expect(await sourceTypesAddedBy(customerKpisModuleDemo)).toEqual([
      demoSourceType,
    ]);
  });
});
