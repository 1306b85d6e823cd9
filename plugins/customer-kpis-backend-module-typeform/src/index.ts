/**
 * Customer KPIs for Backstage data source: Typeform: survey responses (NPS, CSAT, customer effort), pulled and by signed webhooks
 *
 * @packageDocumentation
 */

export { customerKpisModuleTypeform as default } from './module';
