// The config of a `typeform` source instance: where the API is, which forms, which question feeds which KPI.
import { TYPEFORM_FORM_ANNOTATION } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import {
  CredentialTarget,
  refineSurveySource,
  retryConfigFields,
  surveyBindingsFor,
  surveyConfigFields,
  surveyLookbackField,
  surveyWebhookFields,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { z } from 'zod';

/** Typeform's API origin (US data centre); EU accounts use `https://api.eu.typeform.com`. */
export const TYPEFORM_API = 'https://api.typeform.com';

/** Config of one `typeform` source instance. */
export const typeformConfigSchema = z
  .strictObject({
    baseUrl: z
      .url()
      .default(TYPEFORM_API)
      .meta({ title: 'API base URL' })
      .describe(
        'The Responses API origin: https://api.typeform.com, or https://api.eu.typeform.com for an account in the EU data centre.',
      ),
    credential: z
      .string()
      .min(1)
      .meta({ title: 'Access token credential' })
      .describe(
        'NAME of the credential holding the personal access token (scope responses:read): a key of customerKpis.credentials, never the token itself.',
      ),
    forms: z
      .array(
        z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a form id is like "u6nXL7"'),
      )
      .max(200)
      .default([])
      .meta({ title: 'Form ids' })
      .describe(
        'Form ids to read besides those named by typeform.com/form-id annotations; required when hiddenField binds responses.',
      ),
    ...surveyConfigFields,
    initialLookbackDays: surveyLookbackField(),
    pageSize: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(1000)
      .meta({ title: 'Page size' })
      .describe('Responses per request (Typeform allows up to 1000).'),
    ...surveyWebhookFields({
      webhookCredential:
        'NAME of the credential holding the webhook secret that Typeform signs deliveries with (Typeform-Signature); without it, webhooks to this source are refused.',
      webhookMaxAgeHours:
        'A delivery whose response was submitted longer ago than this is refused as stale (Typeform retries for a few hours; replays of old deliveries are refused).',
    }),
    ...retryConfigFields,
  })
  .superRefine((config, ctx) =>
    refineSurveySource(config, ctx, { listField: 'forms', noun: 'form' }),
  );

/** Parsed config of one `typeform` source instance. */
export type TypeformConfig = z.output<typeof typeformConfigSchema>;

/** The base of every API request: the token goes to URLs under it, and nowhere else. */
export function typeformApiBase(config: TypeformConfig): string {
  return `${config.baseUrl.replace(/\/+$/, '')}/forms/`;
}

/** Where a config sends its credential (the webhook secret is never sent anywhere). */
export function typeformCredentialTargets(
  config: TypeformConfig,
): CredentialTarget[] {
  return [
    {
      credential: config.credential,
      credentialField: 'credential',
      urlField: 'baseUrl',
      url: typeformApiBase(config),
    },
  ];
}

/** How a config binds responses to the catalog; `surveysRead(config.forms)` are the forms it reads. */
export const typeformBindings = surveyBindingsFor(TYPEFORM_FORM_ANNOTATION);
