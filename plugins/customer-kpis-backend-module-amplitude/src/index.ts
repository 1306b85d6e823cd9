/**
 * Customer KPIs for Backstage data source: Amplitude: active users (adoption) and monthly retention from the
 * Dashboard REST API.
 *
 * @packageDocumentation
 */

export { customerKpisModuleAmplitude as default } from './module';
export { amplitudeSourceType } from './amplitudeSourceType';
export { amplitudeConfigSchema, AMPLITUDE_REGION_ORIGINS } from './config';
export type { AmplitudeConfig } from './config';
// Defined in the common package, which the frontend shares; re-exported for users of this module.
export {
  AMPLITUDE_SEGMENT_ANNOTATION,
  AMPLITUDE_ELIGIBLE_USERS_ANNOTATION,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
