/**
 * Customer KPIs for Backstage data source: Prometheus: active-user gauges (adoption) from a PromQL template per entity.
 *
 * @packageDocumentation
 */

export { customerKpisModulePrometheus as default } from './module';
export { prometheusSourceType } from './prometheusSourceType';
export {
  prometheusConfigSchema,
  DEFAULT_ADOPTION_QUERIES,
  SELECTOR_PLACEHOLDER,
  isLabelMatcherList,
} from './config';
export type { PrometheusConfig, AdoptionGauge } from './config';
// Defined in the common package, which the frontend shares; re-exported for users of this module.
export { PROMETHEUS_SELECTOR_ANNOTATION } from '@customer-kpis/backstage-plugin-customer-kpis-common';
