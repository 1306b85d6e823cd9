// The survey mapping shared by the Typeform, SurveyMonkey and Qualtrics sources, and helpers for signed webhooks.
export * from './config';
export * from './bindings';
export * from './mapResponse';
export * from './webhookSignature';
