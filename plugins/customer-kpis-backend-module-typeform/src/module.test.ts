import { sourceTypesAddedBy } from '@customer-kpis/backstage-plugin-customer-kpis-node/testUtils';
import customerKpisModuleTypeform, { typeformSourceType } from './index';

describe('customerKpisModuleTypeform', () => {
  it('adds the typeform source type to the customer-kpis sources extension point', async () => {
    expect(await sourceTypesAddedBy(customerKpisModuleTypeform)).toEqual([
      typeformSourceType,
    ]);
  });
});
