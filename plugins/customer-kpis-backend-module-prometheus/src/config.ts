// The config of a `prometheus` source instance: where Prometheus is, and the PromQL templates of the four gauges.
import {
  CredentialTarget,
  retryConfigFields,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { z } from 'zod';

/** The placeholder in a query template that the entity's selector replaces. */
export const SELECTOR_PLACEHOLDER = '{{selector}}';

/**
 * The default templates. They expect four gauges per product, as the product (or a recording rule) exports them:
 * `active_users_daily`, `active_users_weekly` and `active_users_monthly` (distinct users of the last 1, 7 and 30
 * days) and `eligible_users`. Each query is evaluated at the END of each UTC day (00:00 of the next), reads the last
 * sample of that day, and takes `max` across series so that replicas exporting the same gauge do not add up.
 */
export const DEFAULT_ADOPTION_QUERIES = {
  dau: 'max(last_over_time(active_users_daily{ {{selector}} }[1d]))',
  wau: 'max(last_over_time(active_users_weekly{ {{selector}} }[1d]))',
  mau: 'max(last_over_time(active_users_monthly{ {{selector}} }[1d]))',
  eligible: 'max(last_over_time(eligible_users{ {{selector}} }[1d]))',
} as const;

/** The four gauges of an adoption observation. */
export type AdoptionGauge = keyof typeof DEFAULT_ADOPTION_QUERIES;

const template = z
  .string()
  .min(1)
  .refine(query => query.includes(SELECTOR_PLACEHOLDER), {
    message: `a query template must contain ${SELECTOR_PLACEHOLDER}`,
  });

/** Config of one `prometheus` source instance. */
export const prometheusConfigSchema = z.strictObject({
  baseUrl: z
    .url()
    .meta({ title: 'Prometheus URL' })
    .describe(
      'The Prometheus (or compatible: Thanos, Mimir, VictoriaMetrics) HTTP API origin, e.g. http://prometheus:9090.',
    ),
  credential: z
    .string()
    .min(1)
    .optional()
    .meta({ title: 'Bearer token credential' })
    .describe(
      'NAME of a credential (a key of customerKpis.credentials) sent as a bearer token; none when left out.',
    ),
  queries: z
    .strictObject({
      dau: template.optional().meta({ title: 'Daily active users query' }),
      wau: template.optional().meta({ title: 'Weekly active users query' }),
      mau: template.optional().meta({ title: 'Monthly active users query' }),
      eligible: template.optional().meta({ title: 'Eligible users query' }),
    })
    .default({})
    .meta({ title: 'Query templates' })
    .describe(
      'PromQL templates of the four gauges, each returning ONE series; {{selector}} is replaced by the entity annotation. Left-out ones use the defaults.',
    ),
  historyDays: z
    .number()
    .int()
    .min(1)
    .max(3650)
    .default(30)
    .meta({ title: 'History (days)' })
    .describe('Days read on the first run of an entity, ending yesterday.'),
  ...retryConfigFields,
});

/** Parsed config of one `prometheus` source instance. */
export type PrometheusConfig = z.output<typeof prometheusConfigSchema>;

/** The API origin (or base URL) of a config, without a trailing slash. */
export function prometheusOrigin(config: PrometheusConfig): string {
  return config.baseUrl.replace(/\/+$/, '');
}

/** The base of every query of a config: its bearer token goes to URLs under it, and nowhere else. */
export function prometheusApiBase(config: PrometheusConfig): string {
  return `${prometheusOrigin(config)}/api/v1/`;
}

/** Where a config sends its credential: none without `credential`. */
export function prometheusCredentialTargets(
  config: PrometheusConfig,
): CredentialTarget[] {
  return config.credential
    ? [
        {
          credential: config.credential,
          credentialField: 'credential',
          urlField: 'baseUrl',
          url: prometheusApiBase(config),
        },
      ]
    : [];
}

/** The templates of a config, defaults filled in. */
export function adoptionQueries(
  config: PrometheusConfig,
): Record<AdoptionGauge, string> {
  return { ...DEFAULT_ADOPTION_QUERIES, ...config.queries };
}

const LABEL_MATCHER =
  /\s*[a-zA-Z_][a-zA-Z0-9_]*\s*(=~|!~|!=|=)\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\s*/y;

/**
 * Whether `selector` is a list of PromQL label matchers (`app="checkout", env!~"dev|test"`) and nothing else, so that
 * an annotation cannot smuggle other PromQL into a query.
 */
export function isLabelMatcherList(selector: string): boolean {
  let position = 0;
  let matchers = 0;
  while (position < selector.length) {
    LABEL_MATCHER.lastIndex = position;
    if (!LABEL_MATCHER.exec(selector)) {
      return false;
    }
    matchers++;
    position = LABEL_MATCHER.lastIndex;
    if (position < selector.length) {
      if (selector[position] !== ',') {
        return false;
      }
      position++;
    }
  }
  return matchers > 0;
}
