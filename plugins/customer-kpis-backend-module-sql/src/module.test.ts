import { sourceTypesAddedBy } from '@customer-kpis/backstage-plugin-customer-kpis-node/testUtils';
import customerKpisModuleSql, { sqlSourceType } from './index';

describe('customerKpisModuleSql', () => {
  it('adds the sql source type to the customer-kpis sources extension point', async () => {
    expect(await sourceTypesAddedBy(customerKpisModuleSql)).toEqual([
      sqlSourceType,
    ]);
  });
});
