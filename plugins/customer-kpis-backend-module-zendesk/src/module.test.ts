import { sourceTypesAddedBy } from '@customer-kpis/backstage-plugin-customer-kpis-node/testUtils';
import customerKpisModuleZendesk, { zendeskSourceType } from './index';

describe('customerKpisModuleZendesk', () => {
  it('adds the zendesk source type to the customer-kpis sources extension point', async () => {
    expect(await sourceTypesAddedBy(customerKpisModuleZendesk)).toEqual([
      zendeskSourceType,
    ]);
  });
});
