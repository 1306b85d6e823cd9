// The config of a `surveymonkey` source instance: which data centre, which surveys, which question feeds which KPI,
// and the app credentials that verify webhook deliveries.
import {
  CredentialTarget,
  refineSurveySource,
  retryConfigFields,
  surveyConfigFields,
  surveyLookbackField,
  surveyWebhookFields,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { z } from 'zod';

/** SurveyMonkey's API origin (US data centre); EU accounts use `https://api.eu.surveymonkey.com`, Canada `https://api.surveymonkey.ca`. */
export const SURVEYMONKEY_API = 'https://api.surveymonkey.com';

/** A SurveyMonkey survey id: digits. */
const surveyIdSchema = z
  .string()
  .regex(/^\d{1,20}$/, 'a SurveyMonkey survey id is digits, e.g. "405912345"');

/** Config of one `surveymonkey` source instance. */
export const surveyMonkeyConfigSchema = z
  .strictObject({
    baseUrl: z
      .url()
      .default(SURVEYMONKEY_API)
      .meta({ title: 'API base URL' })
      .describe(
        "The API origin of the account's data centre: https://api.surveymonkey.com (US), https://api.eu.surveymonkey.com (EU) or https://api.surveymonkey.ca (Canada).",
      ),
    credential: z
      .string()
      .min(1)
      .meta({ title: 'Access token credential' })
      .describe(
        'NAME of the credential holding the access token (scopes: View Surveys, View Responses, View Response Details): a key of customerKpis.credentials, never the token itself.',
      ),
    surveys: z
      .array(surveyIdSchema)
      .max(200)
      .default([])
      .meta({ title: 'Survey ids' })
      .describe(
        'Survey ids to read besides those named by surveymonkey.com/survey-id annotations; required when hiddenField binds responses.',
      ),
    ...surveyConfigFields,
    initialLookbackDays: surveyLookbackField(
      'How far back the first run reads responses (by last modification).',
    ),
    perPage: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(100)
      .meta({ title: 'Page size' })
      .describe(
        'Responses per request (SurveyMonkey allows up to 100 on /responses/bulk).',
      ),
    webhookClientId: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .meta({ title: 'Webhook client id' })
      .describe(
        "The app's client ID (API key), sent by SurveyMonkey in Sm-Apikey and the first half of the signing key; not a secret.",
      ),
    ...surveyWebhookFields({
      webhookCredential:
        "NAME of the credential holding the app's client secret (API secret), the second half of the key SurveyMonkey signs deliveries with (Sm-Signature); without it, webhooks to this source are refused.",
      webhookMaxAgeHours:
        'A delivery whose event_datetime is older than this is refused as stale (replays of old deliveries are refused).',
    }),
    ...retryConfigFields,
  })
  .superRefine((config, ctx) => {
    refineSurveySource(config, ctx, {
      listField: 'surveys',
      noun: 'survey',
      webhookSecret: 'the client secret',
    });
    if (config.webhookCredential && !config.webhookClientId) {
      ctx.addIssue({
        code: 'custom',
        path: ['webhookClientId'],
        message:
          "webhookClientId is required with webhookCredential: SurveyMonkey signs with '<client id>&<client secret>'",
      });
    }
  });

/** Parsed config of one `surveymonkey` source instance. */
export type SurveyMonkeyConfig = z.output<typeof surveyMonkeyConfigSchema>;

/** The base of every API request: the token goes to URLs under it, and nowhere else. */
export function surveyMonkeyApiBase(
  config: Pick<SurveyMonkeyConfig, 'baseUrl'>,
): string {
  return `${config.baseUrl.replace(/\/+$/, '')}/v3/surveys/`;
}

/** Where a config sends its credential (the client secret is never sent anywhere). */
export function surveyMonkeyCredentialTargets(
  config: SurveyMonkeyConfig,
): CredentialTarget[] {
  return [
    {
      credential: config.credential,
      credentialField: 'credential',
      urlField: 'baseUrl',
      url: surveyMonkeyApiBase(config),
    },
  ];
}
