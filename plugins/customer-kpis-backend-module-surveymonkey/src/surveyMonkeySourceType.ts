// The `surveymonkey` source type: NPS, CSAT and customer effort from SurveyMonkey survey responses, pulled from the
// API v3 and received by signed webhooks.
import { SURVEYMONKEY_SURVEY_ANNOTATION } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { surveySourceType } from '@customer-kpis/backstage-plugin-customer-kpis-node';
import {
  SurveyMonkeyConfig,
  surveyMonkeyConfigSchema,
  surveyMonkeyCredentialTargets,
} from './config';
import { pullSurveyMonkey } from './pull';
import { surveyMonkeyWebhook } from './webhook';

/**
 * The `surveymonkey` source type. Entities are bound by `surveymonkey.com/survey-id` (one survey per product), or,
 * with `hiddenField`, by `customer-kpis.io/survey-key` matched against that custom variable of each response (one
 * survey for many products). `questions` maps question ids (or `<question id>/<row id>` of a matrix) to NPS, CSAT
 * and CES; a choice's score is the number its label starts with, else its weight, or what `scores` says for its id
 * or label. Observation ids are `survey/<survey id>/<response id>/<question>/<entity ref>`, so a response read again
 * is stored once, and an edited one replaces its answers.
 */
export const surveyMonkeySourceType = surveySourceType<SurveyMonkeyConfig>({
  id: 'surveymonkey',
  title: 'SurveyMonkey',
  description:
    'NPS, CSAT and customer effort from the completed responses of SurveyMonkey surveys (question ids mapped to KPIs, choices scored from the survey details), bound by surveymonkey.com/survey-id or by a custom variable matched against customer-kpis.io/survey-key; pulled from the API v3 and received by signed webhooks.',
  configSchema: surveyMonkeyConfigSchema,
  annotation: SURVEYMONKEY_SURVEY_ANNOTATION,
  credentialTargets: surveyMonkeyCredentialTargets,
  pull: pullSurveyMonkey,
  webhook: surveyMonkeyWebhook,
});
