import { sourceTypesAddedBy } from '@customer-kpis/backstage-plugin-customer-kpis-node/testUtils';
import customerKpisModuleServiceNow, { serviceNowSourceType } from './index';

describe('customerKpisModuleServiceNow', () => {
  it('adds the servicenow source type to the customer-kpis sources extension point', async () => {
    expect(await sourceTypesAddedBy(customerKpisModuleServiceNow)).toEqual([
      serviceNowSourceType,
    ]);
  });
});
