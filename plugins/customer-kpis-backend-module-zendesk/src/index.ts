/**
 * Customer KPIs for Backstage data source: Zendesk: ticket resolution times (time to resolve) and satisfaction
 * ratings (CSAT).
 *
 * @packageDocumentation
 */

export { customerKpisModuleZendesk as default } from './module';
export { zendeskSourceType } from './zendeskSourceType';
export {
  zendeskConfigSchema,
  ZENDESK_GROUP_ANNOTATION,
  ZENDESK_BRAND_ANNOTATION,
} from './config';
export type { ZendeskConfig } from './config';
export { RATING_SCORES } from './observations';
