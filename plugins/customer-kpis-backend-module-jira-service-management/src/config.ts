// The config of a `jira-service-management` source instance, and where it sends its credential.
import {
  CredentialTarget,
  retryConfigFields,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { z } from 'zod';

const customFieldId = (field: string) =>
  z
    .string()
    .regex(
      /^customfield_\d+$/,
      `${field} must be a custom field id such as "customfield_10030"`,
    );

/** Whether `timeZone` is an IANA time zone this Node.js knows, such as `Europe/Berlin`. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    return Boolean(
      new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone,
    );
  } catch {
    return false;
  }
}

/** Config of one `jira-service-management` source instance. */
export const jiraConfigSchema = z.strictObject({
  baseUrl: z
    .url({
      protocol: /^https?$/,
      error:
        'baseUrl must be an http(s) URL such as https://acme.atlassian.net',
    })
    .meta({ title: 'Jira site URL' })
    .describe(
      'The Jira site: https://acme.atlassian.net (Cloud), https://api.atlassian.com/ex/jira/<cloud id> (Cloud with an OAuth token), or your Data Center URL.',
    ),
  deployment: z
    .enum(['cloud', 'data-center'])
    .default('cloud')
    .meta({ title: 'Deployment' })
    .describe(
      'cloud reads /rest/api/3/search/jql (token paging); data-center reads /rest/api/2/search (startAt paging).',
    ),
  email: z
    .string()
    .min(1)
    .optional()
    .meta({ title: 'Account email' })
    .describe(
      'For basic authentication: the email of the Atlassian account the API token belongs to (Data Center: the username). Leave it out to send the credential as a bearer token (OAuth 2.0 or a Data Center personal access token).',
    ),
  credential: z
    .string()
    .min(1)
    .meta({ title: 'Credential' })
    .describe(
      'NAME of the credential holding the API token, password or bearer token: a key of customerKpis.credentials, never the secret itself.',
    ),
  jql: z
    .string()
    .min(1)
    .optional()
    .meta({ title: 'Extra JQL' })
    .describe(
      'Extra JQL ANDed to every search, e.g. issuetype in ("Service Request", Incident). Without ORDER BY.',
    ),
  slaField: customFieldId('slaField')
    .optional()
    .meta({ title: 'SLA field' })
    .describe(
      'Custom field id of the "Time to resolution" SLA (GET /rest/api/3/field lists it). When set, its completed cycles give the business time to resolve, on the SLA\'s calendar.',
    ),
  requestTypeField: customFieldId('requestTypeField')
    .default('customfield_10010')
    .meta({ title: 'Request type field' })
    .describe(
      'Custom field id of "Request Type", read only when an entity carries jira/request-type.',
    ),
  feedback: z
    .boolean()
    .default(true)
    .meta({ title: 'Read customer feedback' })
    .describe(
      'Read the customer feedback (CSAT, 1–5) of each resolved request into the satisfaction KPI.',
    ),
  timeZone: z
    .string()
    .refine(isKnownTimeZone, {
      message: 'timeZone must be an IANA time zone such as "Europe/Berlin"',
    })
    .optional()
    .meta({ title: 'Time zone' })
    .describe(
      "The time zone JQL dates are read in: the API user's time zone in Jira. Default: asked from Jira (/myself) on each run.",
    ),
  initialLookbackDays: z
    .number()
    .int()
    .min(1)
    .max(3650)
    .default(90)
    .meta({ title: 'Initial lookback (days)' })
    .describe(
      'How far back the first run of a project reads requests (by last update).',
    ),
  overlapMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(10)
    .meta({ title: 'Overlap (minutes)' })
    .describe(
      'Each run reads again the requests updated this long before the last one seen, because JQL dates have minute precision and Jira indexes new changes with a delay. Requests seen unchanged are skipped.',
    ),
  pageSize: z
    .number()
    .int()
    .min(1)
    .max(100)
    .default(100)
    .meta({ title: 'Page size' })
    .describe(
      'Issues per search request (Jira returns at most 100 with fields).',
    ),
  ...retryConfigFields,
});

/** Parsed config of one `jira-service-management` source instance. */
export type JiraConfig = z.output<typeof jiraConfigSchema>;

/** The Jira site of a config, without a trailing slash. */
export function jiraOrigin(config: Pick<JiraConfig, 'baseUrl'>): string {
  return config.baseUrl.replace(/\/+$/, '');
}

/** The base of every request of a config (`…/rest/`): the credential goes to URLs under it, and nowhere else. */
export function jiraApiBase(config: Pick<JiraConfig, 'baseUrl'>): string {
  return `${jiraOrigin(config)}/rest/`;
}

/** Where a config sends its credential. */
export function jiraCredentialTargets(config: JiraConfig): CredentialTarget[] {
  return [
    {
      credential: config.credential,
      credentialField: 'credential',
      urlField: 'baseUrl',
      url: jiraApiBase(config),
    },
  ];
}
