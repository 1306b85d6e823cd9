/**
 * Customer KPIs for Backstage data source: SQL warehouse: any KPI from queries on PostgreSQL, MySQL/MariaDB or SQLite
 *
 * @packageDocumentation
 */

export { customerKpisModuleSql as default } from './module';
export { sqlSourceType } from './sqlSourceType';
export { sqlConfigSchema } from './config';
export type { SqlConfig } from './config';
