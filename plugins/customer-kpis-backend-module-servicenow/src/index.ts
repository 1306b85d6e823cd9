/**
 * Customer KPIs for Backstage data source: ServiceNow: incident and request resolution times (time to resolve) and survey results (CSAT, CES, NPS)
 *
 * @packageDocumentation
 */

export { customerKpisModuleServiceNow as default } from './module';
