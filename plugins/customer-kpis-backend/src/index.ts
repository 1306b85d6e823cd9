/**
 * Customer KPIs for Backstage: the backend plugin (KPI store, ingest and query API, data sources).
 *
 * @packageDocumentation
 */
export { customerKpisPlugin as default } from './plugin';
