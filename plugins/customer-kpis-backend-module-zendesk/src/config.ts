// The config of a `zendesk` source instance, and the ids that its binding annotations carry.
import { Entity } from '@backstage/catalog-model';
import {
  CredentialTarget,
  annotationValue,
  retryConfigFields,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { z } from 'zod';

/** The ids in an annotation value: one id, or several separated by commas. */
export function annotationIds(entity: Entity, annotation: string): string[] {
  return (annotationValue(entity, annotation) ?? '')
    .split(',')
    .map(id => id.trim())
    .filter(id => /^\d+$/.test(id));
}

/** Config of one `zendesk` source instance. */
export const zendeskConfigSchema = z
  .strictObject({
    subdomain: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/i, 'subdomain must be like "acme"')
      .optional()
      .meta({ title: 'Subdomain' })
      .describe('Your Zendesk subdomain: "acme" for https://acme.zendesk.com.'),
    baseUrl: z
      .url()
      .optional()
      .meta({ title: 'API base URL' })
      .describe(
        'The API origin instead of a subdomain, e.g. a proxy or a custom host. Give subdomain or baseUrl, not both.',
      ),
    email: z
      .string()
      .min(3)
      .meta({ title: 'Admin email' })
      .describe('Email of the Zendesk admin the API token belongs to.'),
    credential: z
      .string()
      .min(1)
      .meta({ title: 'API token credential' })
      .describe(
        'NAME of the credential holding the API token: a key of customerKpis.credentials, never the token itself.',
      ),
    initialLookbackDays: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .default(90)
      .meta({ title: 'Initial lookback (days)' })
      .describe('How far back the first run reads tickets and ratings.'),
    satisfaction: z
      .boolean()
      .default(true)
      .meta({ title: 'Read satisfaction ratings' })
      .describe(
        'Read legacy CSAT satisfaction ratings (good/bad) into the satisfaction KPI.',
      ),
    ratingRevisitHours: z
      .number()
      .min(0)
      .max(24 * 30)
      .default(96)
      .meta({ title: 'Rating revisit (hours)' })
      .describe(
        'Ratings created this many hours before the newest one seen are read again on the next run, because a customer may change a rating for a few days.',
      ),
    ...retryConfigFields,
  })
  .refine(
    config =>
      (config.subdomain === undefined) !== (config.baseUrl === undefined),
    {
      message: 'give exactly one of subdomain and baseUrl',
      path: ['subdomain'],
    },
  );

/** Parsed config of one `zendesk` source instance. */
export type ZendeskConfig = z.output<typeof zendeskConfigSchema>;

/** The API origin of a config, without a trailing slash. */
export function zendeskOrigin(config: ZendeskConfig): string {
  return (config.baseUrl ?? `https://${config.subdomain}.zendesk.com`).replace(
    /\/+$/,
    '',
  );
}

/** The base of every API request of a config: the API token goes to URLs under it, and nowhere else. */
export function zendeskApiBase(config: ZendeskConfig): string {
  return `${zendeskOrigin(config)}/api/v2/`;
}

/** Where a config sends its credential, named by the field that decides the URL (`subdomain` or `baseUrl`). */
export function zendeskCredentialTargets(
  config: ZendeskConfig,
): CredentialTarget[] {
  return [
    {
      credential: config.credential,
      credentialField: 'credential',
      urlField: config.baseUrl === undefined ? 'subdomain' : 'baseUrl',
      url: zendeskApiBase(config),
    },
  ];
}
