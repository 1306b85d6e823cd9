// The `amplitude` source type: adoption (DAU, rolling WAU and MAU) and monthly retention from the Dashboard REST API.
import { Entity } from '@backstage/catalog-model';
import {
  AMPLITUDE_SEGMENT_ANNOTATION,
  AdoptionObservation,
  Observation,
  RetentionObservation,
  safeParseObservation,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import {
  CustomerKpisSourceType,
  HttpResponseError,
  JsonValue,
  SourcePage,
  SourcePullContext,
  entityRefOf,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { AmplitudeClient, AmplitudeSegment } from './amplitudeApi';
import {
  AmplitudeConfig,
  amplitudeApiBase,
  amplitudeConfigSchema,
  amplitudeCredentialTargets,
  eligibleUsersOf,
  segmentValues,
} from './config';
import {
  addDays,
  addMonths,
  daysBetween,
  monthEnd,
  monthOf,
  todayIn,
} from './days';

/** Days of active users asked for in one request (Amplitude's daily series go up to 365 days). */
export const ADOPTION_DAYS_PER_REQUEST = 90;

/**
 * Where the next pull starts, per entity ref: `adoption` is the last COMPLETE day stored (today's partial day is
 * sent but not counted, so the next run reads it again), `retention` the first day of the last period stored.
 */
type AmplitudeCursor = {
  version: 1;
  adoption: Record<string, string>;
  retention: Record<string, string>;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function readDays(value: JsonValue | undefined): Record<string, string> {
  const days: Record<string, string> = {};
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [ref, day] of Object.entries(value)) {
      if (typeof day === 'string' && DAY.test(day)) {
        days[ref] = day;
      }
    }
  }
  return days;
}

function readCursor(cursor: JsonValue | undefined): AmplitudeCursor {
  const object =
    typeof cursor === 'object' && cursor !== null && !Array.isArray(cursor)
      ? cursor
      : {};
  return {
    version: 1,
    adoption: readDays(object.adoption),
    retention: readDays(object.retention),
  };
}

function isBoundToAmplitude(entity: Entity): boolean {
  return segmentValues(entity).length > 0;
}

/** An error that ends the run at once: the keys are wrong for every entity, or the run was cancelled. */
function isFatal(error: unknown, signal?: AbortSignal): boolean {
  return (
    Boolean(signal?.aborted) ||
    (error instanceof HttpResponseError &&
      (error.status === 401 || error.status === 403))
  );
}

function validObservation<T extends Observation>(
  input: T,
  now: Date,
): T | undefined {
  const result = safeParseObservation(input, { now });
  return result.success ? (result.observation as T) : undefined;
}

async function* pullAmplitude(
  context: SourcePullContext<AmplitudeConfig>,
): AsyncIterable<SourcePage> {
  const { config, logger, signal, credentials } = context;
  const keysFor = (url: string) => ({
    apiKey: credentials.get(config.apiKeyCredential, url),
    secretKey: credentials.get(config.secretKeyCredential, url),
  });
  // Fails before any request when a credential is missing or not allowed for this Amplitude; each request asks
  // again with its own URL.
  try {
    keysFor(amplitudeApiBase(config));
  } catch (error) {
    throw new Error(`Amplitude source: ${(error as Error).message}`);
  }
  const client = new AmplitudeClient(
    config,
    keysFor,
    logger,
    context.redactor,
    signal,
  );
  const cursor = readCursor(context.cursor);
  const snapshot = (): JsonValue => structuredClone(cursor);
  const today = todayIn(config.timeZone, context.now());
  const yesterday = addDays(today, -1);
  const failures: string[] = [];

  const fail = (entityRef: string, error: unknown) => {
    if (isFatal(error, signal)) {
      throw error;
    }
    failures.push(`${entityRef}: ${(error as Error).message}`);
  };

  for (const entity of context.entities.filter(isBoundToAmplitude)) {
    signal?.throwIfAborted();
    const entityRef = entityRefOf(entity);
    const segment: AmplitudeSegment = {
      prop: config.segmentProperty,
      op: 'is',
      values: segmentValues(entity),
    };

    // 1. Adoption: from the day after the last complete day stored (or historyDays ago) to today, in chunks.
    const eligible = eligibleUsersOf(entity, config);
    if ('problem' in eligible) {
      failures.push(`${entityRef}: ${eligible.problem}`);
    } else {
      const last = cursor.adoption[entityRef];
      let from = last
        ? addDays(last, 1)
        : addDays(today, -(config.historyDays - 1));
      try {
        while (from <= today) {
          const to = [
            addDays(from, ADOPTION_DAYS_PER_REQUEST - 1),
            today,
          ].sort()[0];
          const dau = await client.dailyActiveUsers(from, to, segment);
          const wau = await client.rollingActiveUsers(from, to, 7, segment);
          const mau = await client.rollingActiveUsers(from, to, 30, segment);
          const observations: AdoptionObservation[] = [];
          const leftOut: string[] = [];
          for (const day of daysBetween(from, to)) {
            const gauges = [dau.get(day), wau.get(day), mau.get(day)];
            if (gauges.some(value => value === undefined)) {
              leftOut.push(`${day} (no value)`);
              continue;
            }
            const observation = validObservation<AdoptionObservation>(
              {
                id: `adoption/${day}/${entityRef}`,
                kpi: 'adoption',
                entityRef,
                date: day,
                dau: Math.round(gauges[0]!),
                wau: Math.round(gauges[1]!),
                mau: Math.round(gauges[2]!),
                eligible: eligible.eligible,
              },
              context.now(),
            );
            if (observation) {
              observations.push(observation);
            } else {
              leftOut.push(`${day} (dau ≤ wau ≤ mau ≤ eligible broken)`);
            }
          }
          if (leftOut.length > 0) {
            logger.warn(
              `Amplitude source: ${entityRef}: days left out of adoption: ${leftOut.join(
                ', ',
              )}`,
            );
          }
          const lastComplete = [to, yesterday].sort()[0];
          if (lastComplete >= from) {
            cursor.adoption[entityRef] = lastComplete;
          }
          yield { observations, cursor: snapshot() };
          from = addDays(to, 1);
        }
      } catch (error) {
        fail(entityRef, error);
      }
    }

    // 2. Retention: one period per complete calendar month, from the cohort of the month before it.
    if (!config.retention) {
      continue;
    }
    const lastPeriod = addMonths(monthOf(today), -1);
    const stored = cursor.retention[entityRef];
    let period = stored
      ? addMonths(stored, 1)
      : addMonths(lastPeriod, -(config.retentionHistoryMonths - 1));
    try {
      for (; period <= lastPeriod; period = addMonths(period, 1)) {
        const cohort = addMonths(period, -1);
        const retention = await client.monthlyRetention(
          cohort,
          monthEnd(cohort),
          segment,
        );
        if (!retention.complete) {
          // Amplitude has not seen a whole month after every cohort member yet; the next run asks again.
          break;
        }
        const observation = validObservation<RetentionObservation>(
          {
            id: `retention/${period.slice(0, 7)}/${entityRef}`,
            kpi: 'retention',
            entityRef,
            periodStart: period,
            periodEnd: monthEnd(period),
            start: Math.round(retention.outof),
            end: Math.round(retention.retained),
            new: 0,
          },
          context.now(),
        );
        if (!observation) {
          throw new Error(
            `retention of ${period.slice(0, 7)} is inconsistent: ${
              retention.retained
            } retained of ${retention.outof}`,
          );
        }
        cursor.retention[entityRef] = period;
        yield { observations: [observation], cursor: snapshot() };
      }
    } catch (error) {
      fail(entityRef, error);
    }
  }

  if (failures.length > 0) {
    throw new Error(
      `Amplitude source: ${failures.length} problem${
        failures.length === 1 ? '' : 's'
      } (the rest was read): ${failures.slice(0, 3).join('; ')}${
        failures.length > 3 ? '; …' : ''
      }`,
    );
  }
}

/**
 * The `amplitude` source type. Entities are bound by `amplitude.com/segment-value`: the value(s) of the user property
 * named by the config's `segmentProperty`, sent as the segment filter of every query.
 *
 * - adoption: per day, DAU from `/api/2/users` (`m=active`, `i=1`), WAU and MAU as the distinct active users of the
 *   7 and 30 days ending that day (event segmentation of `_active`, `m=uniques`, `rollingWindow`), and eligible
 *   users from `amplitude.com/eligible-users` or the config; id `adoption/<day>/<entity ref>`. Today's partial day is
 *   sent too and replaced by the next run;
 * - retention: per complete calendar month P, S = users active in the month before P and E = those of them active
 *   again one month later (Amplitude's Month 1 retention, `/api/2/retention`, `i=30`), N = 0; id
 *   `retention/<YYYY-MM>/<entity ref>`.
 *
 * Time to value is not read: Amplitude's funnels give aggregate conversion times, not the per-customer journeys that
 * the time-to-value observation holds (see the README).
 */
export const amplitudeSourceType: CustomerKpisSourceType<AmplitudeConfig> = {
  id: 'amplitude',
  title: 'Amplitude',
  description: `Daily, weekly and monthly active users (adoption) and monthly retention of the Amplitude users whose segment property has the value in ${AMPLITUDE_SEGMENT_ANNOTATION}, from the Dashboard REST API.`,
  configSchema: amplitudeConfigSchema,
  kpis: ['adoption', 'retention'],
  annotation: AMPLITUDE_SEGMENT_ANNOTATION,
  credentialTargets: amplitudeCredentialTargets,
  isAvailable: isBoundToAmplitude,
  pull: pullAmplitude,
};
