/**
 * Customer KPIs for Backstage data source: SurveyMonkey: survey responses (NPS, CSAT, customer effort), pulled and by signed webhooks
 *
 * @packageDocumentation
 */

export { customerKpisModuleSurveyMonkey as default } from './module';
