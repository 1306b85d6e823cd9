/**
 * Customer KPIs for Backstage: the data-source extension point and its types, for backend modules.
 *
 * @packageDocumentation
 */

export * from './extensions';
export { bindingAnnotationsOf } from './sourceType';
export type {
  CredentialTarget,
  CustomerKpisSourceType,
  JsonValue,
  SourceCredentials,
  SourcePage,
  SourcePullContext,
  SourceRedactor,
  SourceWebhook,
  SourceWebhookContext,
  SourceWebhookRequest,
  WebhookObservations,
  WebhookSecretReader,
  WebhookVerification,
} from './sourceType';
export {
  SURVEY_KPIS,
  surveyQuestionSchema,
  surveyConfigFields,
  surveyLookbackField,
  surveyWebhookFields,
  refineSurveyQuestions,
  refineSurveySource,
  scoreRange,
  SurveyBindings,
  annotationList,
  surveyBindingsFor,
  mapSurveyResponses,
  questionsOfSurvey,
  scoreAnswer,
  summariseSkipped,
  surveyObservationId,
  surveyObservationIds,
  readSurveyCursor,
  firstSecondPosition,
  readSecondPosition,
  nextSecondPosition,
  surveySourceType,
  surveyApiToken,
  parseWebhookJson,
  webhookCredentialFields,
  verifySignedDelivery,
  hmacSignature,
  signaturesEqual,
} from './surveys';
export type {
  SurveyKpi,
  SurveyQuestion,
  SurveyMappingConfig,
  SurveySourceRules,
  ResponseBinding,
  SurveyBindingOptions,
  UnboundReason,
  MappedResponses,
  SkipReason,
  Scored,
  SkippedAnswer,
  SurveyAnswer,
  SurveyChoice,
  SurveyResponse,
  SecondPosition,
  SurveySourceDefinition,
  SignedDeliveryRules,
} from './surveys';
export { isUrlAllowed, parseAllowedUrl } from './credentials/allowedUrls';
export {
  CredentialError,
  createSourceCredentials,
  credentialDefinition,
} from './credentials/sourceCredentials';
export type { CredentialDefinition } from './credentials/sourceCredentials';
export { REDACTED, SecretRedactor } from './redaction/SecretRedactor';
export { redactingLogger } from './redaction/redactingLogger';
export { describeConfigSchema } from './describeConfigSchema';
export type { ConfigJsonSchema } from './describeConfigSchema';
export { annotationValue, entityRefOf, entitiesByAnnotation } from './entities';
export {
  fetchJsonWithRetry,
  HttpResponseError,
} from './http/fetchJsonWithRetry';
export type { FetchJsonRetryOptions } from './http/fetchJsonWithRetry';
export { parseRetryAfter } from './http/retryAfter';
export { redactUrl, redactUrlsInText } from './http/redactUrl';
export { retryConfigFields, retryOptionsOf } from './http/retryConfig';
export { parseJsonAnswer } from './http/jsonAnswer';
