import { sourceTypesAddedBy } from '@customer-kpis/backstage-plugin-customer-kpis-node/testUtils';
import customerKpisModuleJiraServiceManagement, {
  jiraServiceManagementSourceType,
} from './index';

describe('customerKpisModuleJiraServiceManagement', () => {
  it('adds the jira-service-management source type to the customer-kpis sources extension point', async () => {
    expect(
      await sourceTypesAddedBy(customerKpisModuleJiraServiceManagement),
    ).toEqual([jiraServiceManagementSourceType]);
  });
});
