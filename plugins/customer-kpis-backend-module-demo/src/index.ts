/**
 * Customer KPIs for Backstage data source: deterministic synthetic data for every KPI and every bound catalog entity,
 * for demo portals.
 *
 * @packageDocumentation
 */

export { customerKpisModuleDemo as default } from './module';
export {
  demoSourceType,
  demoConfigSchema,
  DEMO_ANNOTATION_ENABLED,
} from './demoSourceType';
// Defined in the common package, which the frontend shares; re-exported for users of this module.
export { DEMO_ANNOTATION } from '@customer-kpis/backstage-plugin-customer-kpis-common';
export type { DemoConfig } from './demoSourceType';
export { demoProfileOf } from './profiles';
export type { DemoProfile } from './profiles';
