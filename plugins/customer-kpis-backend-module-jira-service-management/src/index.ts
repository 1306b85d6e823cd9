/**
 * Customer KPIs for Backstage data source: Jira Service Management: request resolution times (time to resolve) and request feedback (CSAT)
 *
 * @packageDocumentation
 */

export { customerKpisModuleJiraServiceManagement as default } from './module';
