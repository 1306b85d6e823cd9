// The config of a `posthog` source instance: which PostHog, which project, which events make a person active.
import {
  CredentialTarget,
  retryConfigFields,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { z } from 'zod';

const PROJECT_ID_MESSAGE =
  'projectId must be the numeric id of a PostHog project';
const eventName = z.string().min(1).max(400);

/** Config of one `posthog` source instance. */
export const posthogConfigSchema = z.strictObject({
  host: z
    .url({ protocol: /^https?$/ })
    .default('https://us.posthog.com')
    .meta({ title: 'PostHog host' })
    .describe(
      'The PostHog app host: https://us.posthog.com (US Cloud), https://eu.posthog.com (EU Cloud) or the URL of a self-hosted PostHog.',
    ),
  projectId: z
    .union([
      z.number().int(PROJECT_ID_MESSAGE).positive(PROJECT_ID_MESSAGE),
      z.string().regex(/^\d+$/, PROJECT_ID_MESSAGE),
    ])
    .transform(String)
    .meta({ title: 'Project id' })
    .describe(
      'The numeric id of the PostHog project (Project settings → Project ID).',
    ),
  credential: z
    .string()
    .min(1)
    .meta({ title: 'Personal API key credential' })
    .describe(
      'NAME of the credential holding a personal API key with the Query Read scope (a key of customerKpis.credentials), never the key itself.',
    ),
  productProperty: z
    .string()
    .min(1)
    .max(200)
    .default('product')
    .meta({ title: 'Product property' })
    .describe(
      'The event property whose value names the product; an entity names its value with the posthog.com/product annotation.',
    ),
  activeEvents: z
    .array(eventName)
    .max(100)
    .default([])
    .meta({ title: 'Active events' })
    .describe(
      'The events that make a person active (adoption and retention); empty: any event.',
    ),
  eligibleCohortId: z
    .number()
    .int()
    .positive()
    .optional()
    .meta({ title: 'Eligible users cohort id' })
    .describe(
      'A PostHog cohort whose size is the number of eligible users of every bound entity, unless the entity gives a number in posthog.com/eligible-users.',
    ),
  retentionPeriod: z
    .enum(['month', 'week'])
    .default('month')
    .meta({ title: 'Retention period' })
    .describe(
      'The retention period: calendar months, or ISO weeks starting on Monday (UTC).',
    ),
  timeToValue: z
    .strictObject({
      startEvent: eventName
        .meta({ title: 'Start event' })
        .describe(
          'The event that starts a journey, e.g. "signed_up"; a person journey starts at their first one.',
        ),
      valueEvent: eventName
        .meta({ title: 'Value event' })
        .describe(
          'The event that marks the first value, e.g. "report_created".',
        ),
      pendingDays: z
        .number()
        .int()
        .min(1)
        .max(365)
        .default(30)
        .meta({ title: 'Pending journey days' })
        .describe(
          'How long a journey without value is read again on every run; after that it stays censored.',
        ),
    })
    .optional()
    .meta({ title: 'Time to value' })
    .describe(
      'Time to value: from each person’s first start event to their first value event after it. Left out: no time to value.',
    ),
  historyDays: z
    .number()
    .int()
    .min(1)
    .max(730)
    .default(30)
    .meta({ title: 'History (days)' })
    .describe('Days read on the first run, ending today.'),
  pageSize: z
    .number()
    .int()
    .min(1)
    .max(50_000)
    .default(10_000)
    .meta({ title: 'Page size' })
    .describe(
      'Rows per query (HogQL LIMIT); more rows are read page by page (PostHog allows up to 50,000).',
    ),
  queryMode: z
    .enum(['blocking', 'async'])
    .default('blocking')
    .meta({ title: 'Query mode' })
    .describe(
      'blocking: each query answers when done; async: PostHog runs it in the background and the source polls for the result (for long queries).',
    ),
  pollIntervalMs: z
    .number()
    .int()
    .min(10)
    .max(60_000)
    .default(1000)
    .meta({ title: 'Poll interval (ms)' })
    .describe('Async mode: the wait between two polls of a running query.'),
  maxQueryWaitMs: z
    .number()
    .int()
    .min(100)
    .max(3_600_000)
    .default(600_000)
    .meta({ title: 'Max query wait (ms)' })
    .describe(
      'Async mode: how long a query may run before the source gives up.',
    ),
  ...retryConfigFields,
});

/** Parsed config of one `posthog` source instance. */
export type PostHogConfig = z.output<typeof posthogConfigSchema>;

/** The app host of a config, without a trailing slash. */
export function posthogOrigin(config: PostHogConfig): string {
  return config.host.replace(/\/+$/, '');
}

/** The base of every request of a config: its personal API key goes to URLs under it, and nowhere else. */
export function posthogProjectBase(config: PostHogConfig): string {
  return `${posthogOrigin(config)}/api/projects/${config.projectId}/`;
}

/** Where a config sends its credential: the query API of its project on its host. */
export function posthogCredentialTargets(
  config: PostHogConfig,
): CredentialTarget[] {
  return [
    {
      credential: config.credential,
      credentialField: 'credential',
      urlField: 'host',
      url: posthogProjectBase(config),
    },
  ];
}
