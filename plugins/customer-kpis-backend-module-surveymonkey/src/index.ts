/**
 * Customer KPIs for Backstage data source: SurveyMonkey: survey responses (NPS, CSAT, customer effort), pulled and by
 * signed webhooks.
 *
 * @packageDocumentation
 */

export { customerKpisModuleSurveyMonkey as default } from './module';
export { surveyMonkeySourceType } from './surveyMonkeySourceType';
export { surveyMonkeyConfigSchema, SURVEYMONKEY_API } from './config';
export type { SurveyMonkeyConfig } from './config';
