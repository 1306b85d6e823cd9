import { sourceTypesAddedBy } from '@customer-kpis/backstage-plugin-customer-kpis-node/testUtils';
import customerKpisModuleQualtrics, { qualtricsSourceType } from './index';

describe('customerKpisModuleQualtrics', () => {
  it('adds the qualtrics source type to the customer-kpis sources extension point', async () => {
    expect(await sourceTypesAddedBy(customerKpisModuleQualtrics)).toEqual([
      qualtricsSourceType,
    ]);
  });
});
