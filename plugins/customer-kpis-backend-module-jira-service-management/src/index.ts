/**
 * Customer KPIs for Backstage data source: Jira Service Management: request resolution times (time to resolve) and
 * request feedback (CSAT).
 *
 * @packageDocumentation
 */

export { customerKpisModuleJiraServiceManagement as default } from './module';
export { jiraServiceManagementSourceType } from './jiraSourceType';
export { jiraConfigSchema } from './config';
export type { JiraConfig } from './config';
// Defined in the common package, which the frontend shares; re-exported for users of this module.
export {
  JIRA_PROJECT_KEY_ANNOTATION,
  JIRA_COMPONENT_ANNOTATION,
  JIRA_LABEL_ANNOTATION,
  JIRA_REQUEST_TYPE_ANNOTATION,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
