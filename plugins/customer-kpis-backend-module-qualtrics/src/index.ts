/**
 * Customer KPIs for Backstage data source: Qualtrics: survey responses (NPS, CSAT, customer effort) from response
 * exports.
 *
 * @packageDocumentation
 */

export { customerKpisModuleQualtrics as default } from './module';
export { qualtricsSourceType } from './qualtricsSourceType';
export { qualtricsConfigSchema } from './config';
export type { QualtricsConfig } from './config';
