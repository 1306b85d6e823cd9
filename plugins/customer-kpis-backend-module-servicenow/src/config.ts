// The config of a `servicenow` source instance: where the instance is, how to sign in, which table and states, and
// which survey metrics feed which KPI.
import {
  CredentialTarget,
  retryConfigFields,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { z } from 'zod';

/** A ServiceNow sys_id: 32 hexadecimal digits. */
export const SYS_ID_PATTERN = /^[0-9a-f]{32}$/i;

/** A table or field name as ServiceNow spells them (`incident`, `sc_req_item`, `u_resolved_on`). */
const NAME_PATTERN = /^[a-z][a-z0-9_]*$/;

const tableName = z
  .string()
  .regex(NAME_PATTERN, 'must be a ServiceNow table name such as "incident"');
const fieldName = z
  .string()
  .regex(NAME_PATTERN, 'must be a ServiceNow field name such as "resolved_at"');

const basicAuthSchema = z
  .strictObject({
    type: z.literal('basic').meta({ title: 'Method' }),
    username: z
      .string()
      .min(1)
      .meta({ title: 'User name' })
      .describe('The ServiceNow user (an integration user with read access).'),
    credential: z
      .string()
      .min(1)
      .meta({ title: 'Password credential' })
      .describe(
        "NAME of the credential holding the user's password: a key of customerKpis.credentials, never the password itself.",
      ),
  })
  .meta({ title: 'Basic authentication' })
  .describe('HTTP basic authentication with a user and its password.');

const oauthSchema = z
  .strictObject({
    type: z.literal('oauth').meta({ title: 'Method' }),
    clientId: z
      .string()
      .min(1)
      .meta({ title: 'Client id' })
      .describe(
        'Client id of the OAuth API endpoint (Application Registry) whose grant is client_credentials.',
      ),
    credential: z
      .string()
      .min(1)
      .meta({ title: 'Client secret credential' })
      .describe(
        'NAME of the credential holding the client secret: a key of customerKpis.credentials, never the secret itself.',
      ),
  })
  .meta({ title: 'OAuth 2.0' })
  .describe(
    'OAuth 2.0 client credentials: a token from /oauth_token.do, kept until it expires.',
  );

/** The numbers of answer values each survey KPI takes. */
const POINTS_OF_KPI: Record<string, number[]> = {
  satisfaction: [5],
  'customer-effort': [5, 7],
  recommend: [11],
};

/** One survey metric (a question of an assessment) and the KPI its answers feed. */
const surveyMetricSchema = z
  .strictObject({
    metric: z
      .string()
      .min(1)
      .refine(value => !value.includes('^'), 'must not contain "^"')
      .meta({ title: 'Metric' })
      .describe(
        'The asmt_metric: its sys_id, or its exact name (e.g. "How satisfied are you with the resolution?").',
      ),
    kpi: z
      .enum(['satisfaction', 'customer-effort', 'recommend'])
      .meta({ title: 'KPI' })
      .describe(
        'The KPI the answers feed: satisfaction (CSAT 1–5), customer-effort (CES, 5 or 7 points) or recommend (NPS 0–10).',
      ),
    min: z
      .number()
      .int()
      .default(1)
      .meta({ title: 'Lowest answer value' })
      .describe(
        "The metric's lowest answer value (actual_value); it becomes the KPI scale's lowest answer.",
      ),
    max: z
      .number()
      .int()
      .default(5)
      .meta({ title: 'Highest answer value' })
      .describe(
        "The metric's highest answer value; max − min + 1 must be the KPI's number of points (5 for CSAT, 5 or 7 for CES, 11 for NPS).",
      ),
    inverted: z
      .boolean()
      .default(false)
      .meta({ title: 'Inverted scale' })
      .describe(
        'customer-effort only: the lowest answer means "very easy" (the KPI then reads it the other way round).',
      ),
    values: z
      .record(z.string(), z.number().int())
      .optional()
      .meta({ title: 'Values by answer text' })
      .describe(
        'For a choice metric: answer values by the text of the answer (string_value), e.g. { "Very satisfied": 5 }; otherwise actual_value is read.',
      ),
  })
  .superRefine((metric, ctx) => {
    const points = metric.max - metric.min + 1;
    const allowed = POINTS_OF_KPI[metric.kpi];
    if (!allowed.includes(points)) {
      ctx.addIssue({
        code: 'custom',
        path: ['max'],
        message: `${metric.kpi} needs ${allowed.join(
          ' or ',
        )} answer values from min to max, got ${points} (min ${
          metric.min
        }, max ${metric.max})`,
      });
    }
    if (metric.inverted && metric.kpi !== 'customer-effort') {
      ctx.addIssue({
        code: 'custom',
        path: ['inverted'],
        message: 'inverted applies to customer-effort only',
      });
    }
  });

/** Config of one `servicenow` source instance. */
export const serviceNowConfigSchema = z
  .strictObject({
    instance: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/i, 'instance must be like "acme"')
      .optional()
      .meta({ title: 'Instance name' })
      .describe(
        'Your instance name: "acme" for https://acme.service-now.com. Give instance or baseUrl.',
      ),
    baseUrl: z
      .url()
      .optional()
      .meta({ title: 'Instance URL' })
      .describe(
        'The instance origin instead of a name, e.g. a custom URL or a proxy. Give instance or baseUrl, not both.',
      ),
    auth: z
      .discriminatedUnion('type', [basicAuthSchema, oauthSchema])
      .meta({ title: 'Authentication' })
      .describe(
        'How to sign in: basic (user + password) or oauth (client credentials).',
      ),
    table: tableName
      .default('incident')
      .meta({ title: 'Table' })
      .describe(
        'The task table whose records are the requests: incident, or another task table such as sc_req_item.',
      ),
    filter: z
      .string()
      .refine(
        value => !/\^NQ|ORDERBY/.test(value),
        'filter must not contain ^NQ or ORDERBY',
      )
      .optional()
      .meta({ title: 'Filter (encoded query)' })
      .describe(
        'An encoded query that narrows the records read, e.g. "active=true^category=software" (ANDed with the incremental condition).',
      ),
    resolvedStates: z
      .array(z.string().min(1))
      .min(1)
      .default(['6', '7'])
      .meta({ title: 'Resolved states' })
      .describe(
        'Values of the state field that count as resolved (incident: 6 Resolved, 7 Closed). A record in another state is not resolved.',
      ),
    openedAtField: fieldName
      .default('opened_at')
      .meta({ title: 'Opened-at field' })
      .describe('The field holding when the request was opened.'),
    resolvedAtField: fieldName
      .default('resolved_at')
      .meta({ title: 'Resolved-at field' })
      .describe(
        'The field holding when it was resolved: resolved_at on incident; closed_at on tables without resolved_at (sc_req_item).',
      ),
    businessDuration: z
      .boolean()
      .default(true)
      .meta({ title: 'Use business duration' })
      .describe(
        "Use the record's business_duration (time within its schedule) as the business time of time to resolve.",
      ),
    surveyMetrics: z
      .array(surveyMetricSchema)
      .default([])
      .meta({ title: 'Survey metrics' })
      .describe(
        'Survey questions (asmt_metric) whose answers (asmt_metric_result) feed CSAT, CES or NPS; none by default.',
      ),
    initialLookbackDays: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .default(90)
      .meta({ title: 'Initial lookback (days)' })
      .describe('How far back the first run reads records and survey answers.'),
    pageSize: z
      .number()
      .int()
      .min(1)
      .max(10000)
      .default(500)
      .meta({ title: 'Page size' })
      .describe('Records per request (sysparm_limit).'),
    settleSeconds: z
      .number()
      .int()
      .min(0)
      .max(3600)
      .default(60)
      .meta({ title: 'Settle time (seconds)' })
      .describe(
        'Records updated in the last this many seconds are left for the next run, so that a record written in the same second as the last one read is not missed.',
      ),
    ...retryConfigFields,
  })
  .refine(
    config =>
      (config.instance === undefined) !== (config.baseUrl === undefined),
    { message: 'give exactly one of instance and baseUrl', path: ['instance'] },
  );

/** Parsed config of one `servicenow` source instance. */
export type ServiceNowConfig = z.output<typeof serviceNowConfigSchema>;

/** One parsed entry of `surveyMetrics`. */
export type SurveyMetricConfig = ServiceNowConfig['surveyMetrics'][number];

/** The instance origin of a config, without a trailing slash. */
export function serviceNowOrigin(config: ServiceNowConfig): string {
  return (
    config.baseUrl ?? `https://${config.instance}.service-now.com`
  ).replace(/\/+$/, '');
}

/** The base of every Table API request: basic credentials go to URLs under it, and nowhere else. */
export function serviceNowApiBase(config: ServiceNowConfig): string {
  return `${serviceNowOrigin(config)}/api/now/`;
}

/** The token endpoint of OAuth client credentials: the client secret goes there, and nowhere else. */
export function serviceNowTokenUrl(config: ServiceNowConfig): string {
  return `${serviceNowOrigin(config)}/oauth_token.do`;
}

/**
 * Where a config sends its credential: the password to the Table API; with OAuth, the client secret to the token
 * endpoint and the token it buys to the Table API (so the credential must allow both).
 */
export function serviceNowCredentialTargets(
  config: ServiceNowConfig,
): CredentialTarget[] {
  const target = (url: string): CredentialTarget => ({
    credential: config.auth.credential,
    credentialField: 'auth.credential',
    urlField: config.baseUrl === undefined ? 'instance' : 'baseUrl',
    url,
  });
  return config.auth.type === 'basic'
    ? [target(serviceNowApiBase(config))]
    : [target(serviceNowTokenUrl(config)), target(serviceNowApiBase(config))];
}
