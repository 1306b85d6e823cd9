/**
 * Customer KPIs for Backstage data source: Zendesk: ticket resolution times (time to resolve) and satisfaction
 * ratings (CSAT).
 *
 * @packageDocumentation
 */

export { customerKpisModuleZendesk as default } from './module';
export { zendeskSourceType } from './zendeskSourceType';
export { zendeskConfigSchema } from './config';
// Defined in the common package, which the frontend shares; re-exported for users of this module.
export {
  ZENDESK_GROUP_ANNOTATION,
  ZENDESK_BRAND_ANNOTATION,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
export type { ZendeskConfig } from './config';
export { RATING_SCORES } from './observations';
