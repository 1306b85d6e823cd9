/**
 * Customer KPIs for Backstage: the data-source extension point and its types, for backend modules.
 *
 * @packageDocumentation
 */

export * from './extensions';
export type {
  CustomerKpisSourceType,
  JsonValue,
  SourceCredentials,
  SourcePage,
  SourcePullContext,
} from './sourceType';
export { describeConfigSchema } from './describeConfigSchema';
export type { ConfigJsonSchema } from './describeConfigSchema';
export { annotationValue, entityRefOf, entitiesByAnnotation } from './entities';
export {
  fetchJsonWithRetry,
  HttpResponseError,
} from './http/fetchJsonWithRetry';
export type { FetchJsonRetryOptions } from './http/fetchJsonWithRetry';
export { parseRetryAfter } from './http/retryAfter';
export { redactUrl } from './http/redactUrl';
export { retryConfigFields } from './http/retryConfig';
