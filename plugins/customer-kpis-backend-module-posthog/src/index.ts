/**
 * Customer KPIs for Backstage data source: PostHog: active users (adoption), retention and time to value from HogQL
 * queries of the PostHog query API.
 *
 * @packageDocumentation
 */

export { customerKpisModulePostHog as default } from './module';
export { posthogSourceType } from './posthogSourceType';
export { posthogConfigSchema } from './config';
export type { PostHogConfig } from './config';
// Defined in the common package, which the frontend shares; re-exported for users of this module.
export {
  POSTHOG_PRODUCT_ANNOTATION,
  POSTHOG_PROJECT_ANNOTATION,
  POSTHOG_ELIGIBLE_USERS_ANNOTATION,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
