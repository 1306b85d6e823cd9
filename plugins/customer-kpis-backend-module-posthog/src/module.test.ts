import { sourceTypesAddedBy } from '@customer-kpis/backstage-plugin-customer-kpis-node/testUtils';
import customerKpisModulePostHog, { posthogSourceType } from './index';

describe('customerKpisModulePostHog', () => {
  it('adds the posthog source type to the customer-kpis sources extension point', async () => {
    expect(await sourceTypesAddedBy(customerKpisModulePostHog)).toEqual([
      posthogSourceType,
    ]);
  });
});
