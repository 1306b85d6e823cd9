// The config of a `qualtrics` source instance: the account's data centre, which surveys, which question feeds which KPI.
import {
  CredentialTarget,
  refineSurveySource,
  retryConfigFields,
  surveyConfigFields,
  surveyLookbackField,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { z } from 'zod';

/** A Qualtrics survey id, e.g. `SV_0d2n60qVHB9jSLz`. */
const SURVEY_ID = /^SV_[A-Za-z0-9]{1,40}$/;

/** Config of one `qualtrics` source instance. */
export const qualtricsConfigSchema = z
  .strictObject({
    baseUrl: z
      .url()
      .meta({ title: 'Data centre URL' })
      .describe(
        "The account's data-centre URL, e.g. https://fra1.qualtrics.com (Account Settings → Qualtrics IDs → User: Datacenter ID), or the organisation's own https://<brand>.<datacenter>.qualtrics.com. Requests go to <baseUrl>/API/v3/surveys/….",
      ),
    credential: z
      .string()
      .min(1)
      .meta({ title: 'API token credential' })
      .describe(
        'NAME of the credential holding the Qualtrics API token (sent as X-API-TOKEN): a key of customerKpis.credentials, never the token itself.',
      ),
    surveys: z
      .array(
        z.string().regex(SURVEY_ID, 'a survey id is like "SV_0d2n60qVHB9jSLz"'),
      )
      .max(200)
      .default([])
      .meta({ title: 'Survey ids' })
      .describe(
        'Survey ids to read besides those named by qualtrics.com/survey-id annotations; required when hiddenField (an embedded data field) binds responses.',
      ),
    ...surveyConfigFields,
    includePartialResponses: z
      .boolean()
      .default(false)
      .meta({ title: 'Include partial responses' })
      .describe(
        'Also read the answers of recorded partial responses (closed before the respondent finished). By default only finished responses count.',
      ),
    initialLookbackDays: surveyLookbackField(),
    reconcileDays: z
      .number()
      .int()
      .min(0)
      .max(90)
      .default(14)
      .meta({ title: 'Reconcile (days)' })
      .describe(
        'Each run exports the responses recorded in the last this-many days again, so that a response edited or deleted in Qualtrics within that window is corrected or retracted here. 0 reads only new responses.',
      ),
    pollIntervalMs: z
      .number()
      .int()
      .min(1)
      .max(60_000)
      .default(2000)
      .meta({ title: 'Export poll interval (ms)' })
      .describe('Pause between two checks of an export’s progress.'),
    exportTimeoutMinutes: z
      .number()
      .int()
      .min(1)
      .max(240)
      .default(30)
      .meta({ title: 'Export timeout (minutes)' })
      .describe(
        'How long a run waits for Qualtrics to finish one export before it fails (the next run starts again from the same point).',
      ),
    ...retryConfigFields,
  })
  .superRefine((config, ctx) => {
    refineSurveySource(config, ctx, { listField: 'surveys', noun: 'survey' });
    config.questions.forEach((question, index) => {
      if (question.survey !== undefined && !SURVEY_ID.test(question.survey)) {
        ctx.addIssue({
          code: 'custom',
          path: ['questions', index, 'survey'],
          message: `questions[${index}].survey must be a survey id like "SV_0d2n60qVHB9jSLz"`,
        });
      }
    });
  });

/** Parsed config of one `qualtrics` source instance. */
export type QualtricsConfig = z.output<typeof qualtricsConfigSchema>;

/** The base of every API request: the token goes to URLs under it, and nowhere else. */
export function qualtricsApiBase(config: Pick<QualtricsConfig, 'baseUrl'>) {
  return `${config.baseUrl.replace(/\/+$/, '')}/API/v3/surveys/`;
}

/** Where a config sends its credential. */
export function qualtricsCredentialTargets(
  config: QualtricsConfig,
): CredentialTarget[] {
  return [
    {
      credential: config.credential,
      credentialField: 'credential',
      urlField: 'baseUrl',
      url: qualtricsApiBase(config),
    },
  ];
}
