/**
 * Customer KPIs for Backstage data source: Amplitude: active users (adoption), retention and time to value from the Dashboard REST API
 *
 * @packageDocumentation
 */

export { customerKpisModuleAmplitude as default } from './module';
