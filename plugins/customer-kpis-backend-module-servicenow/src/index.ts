/**
 * Customer KPIs for Backstage data source: ServiceNow: incident and request resolution times (time to resolve) and
 * survey results (CSAT, CES, NPS).
 *
 * @packageDocumentation
 */

export { customerKpisModuleServiceNow as default } from './module';
export { serviceNowSourceType } from './serviceNowSourceType';
export { serviceNowConfigSchema } from './config';
export type { ServiceNowConfig } from './config';
// Defined in the common package, which the frontend shares; re-exported for users of this module.
export {
  SERVICENOW_ENTITY_ID_ANNOTATION,
  SERVICENOW_BUSINESS_SERVICE_ANNOTATION,
  SERVICENOW_CMDB_CI_ANNOTATION,
  SERVICENOW_ASSIGNMENT_GROUP_ANNOTATION,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
