// The config of an `amplitude` source instance: which Amplitude, which credentials, and how entities map to users.
import { Entity } from '@backstage/catalog-model';
import {
  AMPLITUDE_ELIGIBLE_USERS_ANNOTATION,
  AMPLITUDE_SEGMENT_ANNOTATION,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import {
  CredentialTarget,
  annotationValue,
  retryConfigFields,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { z } from 'zod';

/** The Dashboard REST API origins of Amplitude's data centres. */
export const AMPLITUDE_REGION_ORIGINS = {
  us: 'https://amplitude.com',
  eu: 'https://analytics.eu.amplitude.com',
} as const;

function isTimeZone(zone: string): boolean {
  try {
    return (
      new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions()
        .timeZone !== undefined
    );
  } catch {
    return false;
  }
}

const credentialName = (what: string) =>
  z
    .string()
    .min(1)
    .describe(
      `NAME of the credential holding the project's ${what}: a key of customerKpis.credentials, never the key itself.`,
    );

/** Config of one `amplitude` source instance. */
export const amplitudeConfigSchema = z
  .strictObject({
    region: z
      .enum(['us', 'eu'])
      .optional()
      .meta({ title: 'Region' })
      .describe(
        'Data residency of the project: "us" (https://amplitude.com, the default) or "eu" (https://analytics.eu.amplitude.com).',
      ),
    baseUrl: z
      .url()
      .optional()
      .meta({ title: 'API base URL' })
      .describe(
        'The API origin instead of a region, e.g. a proxy. Give region or baseUrl, not both.',
      ),
    apiKeyCredential: credentialName('API key (the Basic user name)').meta({
      title: 'API key credential',
    }),
    secretKeyCredential: credentialName('secret key (the Basic password)').meta(
      {
        title: 'Secret key credential',
      },
    ),
    segmentProperty: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .meta({ title: 'Segment property' })
      .describe(
        `The user property whose value identifies a product, as the segment filter names it: a built-in one such as "platform" or a custom one as "gp:<name>". Each entity gives its value(s) in ${AMPLITUDE_SEGMENT_ANNOTATION}.`,
      ),
    eligibleUsers: z
      .number()
      .int()
      .min(0)
      .optional()
      .meta({ title: 'Eligible users' })
      .describe(
        `Users who could use each product (the denominator of adoption), for entities without ${AMPLITUDE_ELIGIBLE_USERS_ANNOTATION}. Without either, an entity gets no adoption figures and the run names it.`,
      ),
    timeZone: z
      .string()
      .refine(isTimeZone, { message: 'timeZone must be an IANA time zone' })
      .default('UTC')
      .meta({ title: 'Time zone' })
      .describe(
        "The Amplitude project's time zone (Amplitude counts days in it), e.g. Europe/Berlin; it decides which day is today.",
      ),
    historyDays: z
      .number()
      .int()
      .min(1)
      .max(365)
      .default(30)
      .meta({ title: 'History (days)' })
      .describe(
        'Days of active users read on the first run of an entity, ending today.',
      ),
    retention: z
      .boolean()
      .default(true)
      .meta({ title: 'Read retention' })
      .describe(
        'Read monthly retention (users active in a month who were active again the month after).',
      ),
    retentionHistoryMonths: z
      .number()
      .int()
      .min(1)
      .max(24)
      .default(6)
      .meta({ title: 'Retention history (months)' })
      .describe(
        'Complete retention months read on the first run of an entity.',
      ),
    ...retryConfigFields,
  })
  .refine(config => !(config.region && config.baseUrl), {
    message: 'give region or baseUrl, not both',
    path: ['baseUrl'],
  });

/** Parsed config of one `amplitude` source instance. */
export type AmplitudeConfig = z.output<typeof amplitudeConfigSchema>;

/** The API origin of a config, without a trailing slash. */
export function amplitudeOrigin(config: AmplitudeConfig): string {
  return (
    config.baseUrl ?? AMPLITUDE_REGION_ORIGINS[config.region ?? 'us']
  ).replace(/\/+$/, '');
}

/** The base of every request of a config: both keys go to URLs under it, and nowhere else. */
export function amplitudeApiBase(config: AmplitudeConfig): string {
  return `${amplitudeOrigin(config)}/api/2/`;
}

/** Where a config sends its two credentials, named by the field that decides the URL (`region` or `baseUrl`). */
export function amplitudeCredentialTargets(
  config: AmplitudeConfig,
): CredentialTarget[] {
  const urlField = config.baseUrl === undefined ? 'region' : 'baseUrl';
  const url = amplitudeApiBase(config);
  return [
    {
      credential: config.apiKeyCredential,
      credentialField: 'apiKeyCredential',
      urlField,
      url,
    },
    {
      credential: config.secretKeyCredential,
      credentialField: 'secretKeyCredential',
      urlField,
      url,
    },
  ];
}

/** The segment values an entity's annotation lists (comma-separated, trimmed, blanks dropped). */
export function segmentValues(entity: Entity): string[] {
  return [
    ...new Set(
      (annotationValue(entity, AMPLITUDE_SEGMENT_ANNOTATION) ?? '')
        .split(',')
        .map(value => value.trim())
        .filter(value => value.length > 0),
    ),
  ];
}

/**
 * The eligible users of an entity: its annotation, else the config's `eligibleUsers`. A malformed annotation is an
 * error (said with the value), not a silent fallback to the config.
 */
export function eligibleUsersOf(
  entity: Entity,
  config: AmplitudeConfig,
): { eligible: number } | { problem: string } {
  const text = annotationValue(entity, AMPLITUDE_ELIGIBLE_USERS_ANNOTATION);
  if (text === undefined) {
    return config.eligibleUsers === undefined
      ? {
          problem: `no eligible users: set the annotation ${AMPLITUDE_ELIGIBLE_USERS_ANNOTATION} or the source's eligibleUsers`,
        }
      : { eligible: config.eligibleUsers };
  }
  if (!/^\d{1,12}$/.test(text)) {
    return {
      problem: `${AMPLITUDE_ELIGIBLE_USERS_ANNOTATION} must be a whole number, got ${JSON.stringify(
        text.slice(0, 40),
      )}`,
    };
  }
  return { eligible: Number(text) };
}
