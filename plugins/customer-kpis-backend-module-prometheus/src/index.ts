/**
 * Customer KPIs for Backstage data source: Prometheus: active-user gauges (adoption) from a PromQL template per entity.
 *
 * @packageDocumentation
 */

export { customerKpisModulePrometheus as default } from './module';
export { prometheusSourceType } from './prometheusSourceType';
export {
  prometheusConfigSchema,
  PROMETHEUS_SELECTOR_ANNOTATION,
  DEFAULT_ADOPTION_QUERIES,
  SELECTOR_PLACEHOLDER,
  isLabelMatcherList,
} from './config';
export type { PrometheusConfig, AdoptionGauge } from './config';
