/**
 * Customer KPIs for Backstage data source: Typeform: survey responses (NPS, CSAT, customer effort), pulled and by
 * signed webhooks.
 *
 * @packageDocumentation
 */

export { customerKpisModuleTypeform as default } from './module';
export { typeformSourceType } from './typeformSourceType';
export { typeformConfigSchema, TYPEFORM_API } from './config';
export type { TypeformConfig } from './config';
