import { sourceTypesAddedBy } from '@customer-kpis/backstage-plugin-customer-kpis-node/testUtils';
import customerKpisModuleAmplitude, { amplitudeSourceType } from './index';

describe('customerKpisModuleAmplitude', () => {
  it('adds the amplitude source type to the customer-kpis sources extension point', async () => {
    expect(await sourceTypesAddedBy(customerKpisModuleAmplitude)).toEqual([
      amplitudeSourceType,
    ]);
  });
});
