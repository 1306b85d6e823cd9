import { sourceTypesAddedBy } from '@customer-kpis/backstage-plugin-customer-kpis-node/testUtils';
import customerKpisModuleSurveyMonkey, {
  surveyMonkeySourceType,
} from './index';

describe('customerKpisModuleSurveyMonkey', () => {
  it('adds the surveymonkey source type to the customer-kpis sources extension point', async () => {
    expect(await sourceTypesAddedBy(customerKpisModuleSurveyMonkey)).toEqual([
      surveyMonkeySourceType,
    ]);
  });
});
