/**
 * Customer KPIs for Backstage: KPI definitions, payload schemas, the KPI engine and permissions,
 * shared by the backend and the frontend so that they never disagree on a formula or a shape.
 *
 * @packageDocumentation
 */

/** The plugin id, shared by the frontend, the backend and its modules. */
export const CUSTOMER_KPIS_PLUGIN_ID = 'customer-kpis';

export * from './permissions';
