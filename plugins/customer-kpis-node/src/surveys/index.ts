// The survey mapping shared by the Typeform, SurveyMonkey and Qualtrics sources, what their source types, cursors and
// configs have in common, and helpers for signed webhooks.
export * from './config';
export * from './bindings';
export * from './mapResponse';
export * from './cursor';
export * from './surveySourceType';
export * from './webhook';
export * from './webhookSignature';
