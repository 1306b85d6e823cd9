// The `prometheus` source type: one adoption observation per entity and day from four PromQL gauges.
import { Entity } from '@backstage/catalog-model';
import {
  AdoptionObservation,
  PROMETHEUS_SELECTOR_ANNOTATION,
  safeParseObservation,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import {
  CustomerKpisSourceType,
  JsonValue,
  SourcePage,
  SourcePullContext,
  annotationValue,
  entityRefOf,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import {
  AdoptionGauge,
  PrometheusConfig,
  SELECTOR_PLACEHOLDER,
  adoptionQueries,
  isLabelMatcherList,
  prometheusApiBase,
  prometheusConfigSchema,
  prometheusCredentialTargets,
} from './config';
import { PrometheusClient, Series } from './prometheusApi';

const DAY_SECONDS = 86_400;
const GAUGES: AdoptionGauge[] = ['dau', 'wau', 'mau', 'eligible'];

/** The cursor: per entity ref, the last day an observation was emitted for. */
type PrometheusCursor = { version: 1; lastDay: Record<string, string> };

function readCursor(cursor: JsonValue | undefined): PrometheusCursor {
  const lastDay: Record<string, string> = {};
  if (
    typeof cursor === 'object' &&
    cursor !== null &&
    !Array.isArray(cursor) &&
    typeof cursor.lastDay === 'object' &&
    cursor.lastDay !== null &&
    !Array.isArray(cursor.lastDay)
  ) {
    for (const [ref, day] of Object.entries(cursor.lastDay)) {
      if (typeof day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(day)) {
        lastDay[ref] = day;
      }
    }
  }
  return { version: 1, lastDay };
}

const dayStart = (day: string) => Date.parse(`${day}T00:00:00Z`) / 1000;
const dayOf = (seconds: number) =>
  new Date(seconds * 1000).toISOString().slice(0, 10);
const addDays = (day: string, days: number) =>
  dayOf(dayStart(day) + days * DAY_SECONDS);

function hasSelector(entity: Entity): boolean {
  return annotationValue(entity, PROMETHEUS_SELECTOR_ANNOTATION) !== undefined;
}

/** Adoption observations of the days on which all four gauges have a value and are consistent. */
function adoptionObservations(
  entityRef: string,
  days: string[],
  series: Record<AdoptionGauge, Series>,
): {
  observations: AdoptionObservation[];
  incomplete: string[];
  inconsistent: string[];
} {
  const observations: AdoptionObservation[] = [];
  const incomplete: string[] = [];
  const inconsistent: string[] = [];
  for (const day of days) {
    // the value of a day is the one at its end, 00:00 UTC of the next day
    const at = dayStart(day) + DAY_SECONDS;
    const values = GAUGES.map(gauge => series[gauge].get(at));
    if (values.some(value => value === undefined)) {
      if (values.some(value => value !== undefined)) {
        incomplete.push(day);
      }
      continue;
    }
    const [dau, wau, mau, eligible] = values.map(value =>
      Math.max(0, Math.round(value!)),
    );
    const result = safeParseObservation({
      id: `adoption/${day}/${entityRef}`,
      kpi: 'adoption',
      entityRef,
      date: day,
      dau,
      wau,
      mau,
      eligible,
    });
    if (result.success && result.observation.kpi === 'adoption') {
      observations.push(result.observation);
    } else {
      inconsistent.push(day);
    }
  }
  return { observations, incomplete, inconsistent };
}

async function* pullPrometheus(
  context: SourcePullContext<PrometheusConfig>,
): AsyncIterable<SourcePage> {
  const { config, logger, signal, credentials } = context;
  const credential = config.credential;
  if (credential) {
    // Fails before any request when the credential is missing or not allowed for this Prometheus; each query asks
    // again with its own URL.
    try {
      credentials.get(credential, prometheusApiBase(config));
    } catch (error) {
      throw new Error(`Prometheus source: ${(error as Error).message}`);
    }
  }
  const client = new PrometheusClient(
    config,
    credential ? url => credentials.get(credential, url) : undefined,
    logger,
    context.redactor,
    signal,
  );
  const templates = adoptionQueries(config);
  const cursor = readCursor(context.cursor);
  const yesterday = addDays(dayOf(context.now().getTime() / 1000), -1);
  const failures: string[] = [];

  for (const entity of context.entities.filter(hasSelector)) {
    signal?.throwIfAborted();
    const entityRef = entityRefOf(entity);
    const selector = annotationValue(entity, PROMETHEUS_SELECTOR_ANNOTATION)!;
    if (!isLabelMatcherList(selector)) {
      failures.push(
        `${entityRef}: ${PROMETHEUS_SELECTOR_ANNOTATION} must be PromQL label matchers such as app="checkout", got ${JSON.stringify(
          selector,
        )}`,
      );
      continue;
    }
    const lastDay = cursor.lastDay[entityRef];
    const firstDay = lastDay
      ? addDays(lastDay, 1)
      : addDays(yesterday, -(config.historyDays - 1));
    if (firstDay > yesterday) {
      continue;
    }
    const range = {
      start: dayStart(firstDay) + DAY_SECONDS,
      end: dayStart(yesterday) + DAY_SECONDS,
      step: DAY_SECONDS,
    };
    const days: string[] = [];
    for (let day = firstDay; day <= yesterday; day = addDays(day, 1)) {
      days.push(day);
    }

    let series: Record<AdoptionGauge, Series>;
    try {
      const results = await Promise.all(
        GAUGES.map(gauge =>
          client.rangeQuery(
            templates[gauge].split(SELECTOR_PLACEHOLDER).join(selector),
            range,
          ),
        ),
      );
      series = Object.fromEntries(
        GAUGES.map((gauge, index) => [gauge, results[index]]),
      ) as Record<AdoptionGauge, Series>;
    } catch (error) {
      if (signal?.aborted) {
        throw error;
      }
      // One entity's bad selector or query must not keep the others' data out: report it at the end.
      failures.push(`${entityRef}: ${(error as Error).message}`);
      continue;
    }

    const { observations, incomplete, inconsistent } = adoptionObservations(
      entityRef,
      days,
      series,
    );
    if (incomplete.length > 0) {
      logger.warn(
        `Prometheus source: ${entityRef} has not all four gauges on ${incomplete.join(
          ', ',
        )}; those days are left out`,
      );
    }
    if (inconsistent.length > 0) {
      logger.warn(
        `Prometheus source: ${entityRef} has gauges with dau ≤ wau ≤ mau ≤ eligible broken on ${inconsistent.join(
          ', ',
        )}; those days are left out`,
      );
    }
    if (observations.length === 0) {
      continue;
    }
    cursor.lastDay[entityRef] = observations[observations.length - 1].date;
    yield {
      observations,
      cursor: { version: 1, lastDay: { ...cursor.lastDay } },
    };
  }

  if (failures.length > 0) {
    throw new Error(
      `Prometheus source: ${failures.length} entit${
        failures.length === 1 ? 'y' : 'ies'
      } failed (the others were read): ${failures.slice(0, 3).join('; ')}${
        failures.length > 3 ? '; …' : ''
      }`,
    );
  }
}

/**
 * The `prometheus` source type: for each entity with `prometheus.io/active-users-selector`, four range queries (DAU,
 * WAU, MAU and eligible users; PromQL templates with `{{selector}}` replaced by the annotation) with a step of one day,
 * from the day after the entity's cursor (or `historyDays` ago) to yesterday. Each complete, consistent day gives one
 * adoption observation (id `adoption/<day>/<entity ref>`); one page per entity. An entity whose query fails does not
 * stop the others: the run fails at the end, naming it.
 */
export const prometheusSourceType: CustomerKpisSourceType<PrometheusConfig> = {
  id: 'prometheus',
  title: 'Prometheus',
  description:
    'Daily, weekly and monthly active users and eligible users (adoption) from PromQL queries per entity, bound by prometheus.io/active-users-selector.',
  configSchema: prometheusConfigSchema,
  kpis: ['adoption'],
  annotation: PROMETHEUS_SELECTOR_ANNOTATION,
  credentialTargets: prometheusCredentialTargets,
  isAvailable: hasSelector,
  pull: pullPrometheus,
};
