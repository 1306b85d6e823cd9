/**
 * Customer KPIs for Backstage data source: PostHog: active users (adoption), retention and time to value from HogQL queries
 *
 * @packageDocumentation
 */

export { customerKpisModulePostHog as default } from './module';
