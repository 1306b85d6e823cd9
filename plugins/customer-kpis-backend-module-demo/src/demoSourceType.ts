// The `demo` source type: deterministic synthetic observations of every KPI for entities that opt in by annotation.
import { Entity } from '@backstage/catalog-model';
import {
  DEMO_ANNOTATION,
  KPI_IDS,
  KpiId,
  Observation,
  isKpiId,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import {
  CustomerKpisSourceType,
  JsonValue,
  SourcePage,
  SourcePullContext,
  annotationValue,
  entityRefOf,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { z } from 'zod';
import { addDays, dayOfMs, daysBetween } from './days';
import { MAX_DAYS_TO_VALUE, generateDay } from './generate';
import { demoProfileOf } from './profiles';

/** The value of the `customer-kpis.io/demo` annotation that enables demo data. */
export const DEMO_ANNOTATION_ENABLED = 'enabled';

/** Config of one `demo` source instance. */
export const demoConfigSchema = z.strictObject({
  days: z
    .number()
    .int()
    .min(1)
    .max(730)
    .default(180)
    .meta({ title: 'History (days)' })
    .describe('Days of history generated on the first run, ending today.'),
  answersPerDay: z
    .number()
    .min(0.1)
    .max(100)
    .default(6)
    .meta({ title: 'Answers per day' })
    .describe(
      'Mean survey answers per KPI and day of a medium product; products get 0.5–2 times as many (pilots far fewer). Tickets are 0.7 and journeys 0.5 times this.',
    ),
  kpis: z
    .array(z.enum(KPI_IDS))
    .min(1)
    .optional()
    .meta({ title: 'KPIs' })
    .describe('The KPIs to generate; all seven when left out.'),
});

/** Parsed config of one `demo` source instance. */
export type DemoConfig = z.output<typeof demoConfigSchema>;

/** The cursor: per entity ref, the last COMPLETE day generated (today is regenerated until it is over). */
type DemoCursor = {
  version: 1;
  lastDay: Record<string, string>;
};

function readCursor(cursor: JsonValue | undefined): DemoCursor {
  if (
    typeof cursor === 'object' &&
    cursor !== null &&
    !Array.isArray(cursor) &&
    cursor.version === 1 &&
    typeof cursor.lastDay === 'object' &&
    cursor.lastDay !== null &&
    !Array.isArray(cursor.lastDay)
  ) {
    const lastDay: Record<string, string> = {};
    for (const [ref, day] of Object.entries(cursor.lastDay)) {
      if (typeof day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(day)) {
        lastDay[ref] = day;
      }
    }
    return { version: 1, lastDay };
  }
  return { version: 1, lastDay: {} };
}

/**
 * The KPIs an entity opts into: all with `enabled`, or those listed (`customer-kpis.io/demo: recommend,satisfaction`),
 * so that a demo can leave a KPI to a real source. Undefined when the entity is not opted in.
 */
export function demoKpisOf(entity: Entity): readonly KpiId[] | undefined {
  const value = annotationValue(entity, DEMO_ANNOTATION)
    ?.toLocaleLowerCase('en-US')
    .trim();
  if (!value) return undefined;
  if (value === DEMO_ANNOTATION_ENABLED) return KPI_IDS;
  const listed = value.split(',').map(item => item.trim());
  return listed.every(isKpiId) ? (listed as KpiId[]) : undefined;
}

function isDemoEnabled(entity: Entity): boolean {
  return demoKpisOf(entity) !== undefined;
}

function laterDay(a: string, b: string): string {
  return a > b ? a : b;
}

/** Splits days into calendar months, in order. */
function byMonth(days: string[]): string[][] {
  const months: string[][] = [];
  for (const day of days) {
    const current = months[months.length - 1];
    if (current && current[0].slice(0, 7) === day.slice(0, 7)) {
      current.push(day);
    } else {
      months.push([day]);
    }
  }
  return months;
}

async function* pullDemo(
  context: SourcePullContext<DemoConfig>,
): AsyncIterable<SourcePage> {
  const { config, logger } = context;
  const configKpis = config.kpis ?? KPI_IDS;
  const nowMs = context.now().getTime();
  const today = dayOfMs(nowMs);
  const yesterday = addDays(today, -1);
  const historyStart = addDays(today, -(config.days - 1));
  const cursor = readCursor(context.cursor);

  for (const entity of context.entities.filter(isDemoEnabled)) {
    context.signal?.throwIfAborted();
    const entityRef = entityRefOf(entity);
    const profile = demoProfileOf(entity);
    const lastDay = cursor.lastDay[entityRef];
    const entityKpis = demoKpisOf(entity) ?? [];
    const kpis = configKpis.filter(kpi => entityKpis.includes(kpi));
    const firstNewDay =
      lastDay && lastDay >= historyStart ? addDays(lastDay, 1) : historyStart;
    const dayInput = (day: string) => ({
      entityRef,
      profile,
      day,
      today,
      nowMs,
      historyDays: config.days,
      answersPerDay: config.answersPerDay,
    });

    // Journeys of recent, already generated days may have reached value since: send them again (unchanged ones are
    // no-ops for the backend, completed ones replace their censored version).
    const revisited: Observation[] =
      lastDay && kpis.includes('time-to-value')
        ? daysBetween(
            laterDay(addDays(lastDay, -(MAX_DAYS_TO_VALUE - 1)), historyStart),
            lastDay,
          ).flatMap(day => generateDay(dayInput(day), ['time-to-value']))
        : [];

    const months = byMonth(daysBetween(firstNewDay, today));
    logger.debug(
      `demo data for ${entityRef} (${profile.label}): ${months.length} month(s) from ${firstNewDay}`,
    );
    if (months.length === 0 && revisited.length > 0) {
      yield {
        observations: revisited,
        cursor: { version: 1, lastDay: { ...cursor.lastDay } },
      };
    }
    for (const [index, days] of months.entries()) {
      const observations = days.flatMap(day =>
        generateDay(dayInput(day), kpis),
      );
      const lastOfPage = days[days.length - 1];
      const completeUpTo = lastOfPage < today ? lastOfPage : yesterday;
      if (completeUpTo >= (cursor.lastDay[entityRef] ?? '')) {
        cursor.lastDay[entityRef] = completeUpTo;
      }
      yield {
        observations:
          index === 0 ? [...revisited, ...observations] : observations,
        cursor: { version: 1, lastDay: { ...cursor.lastDay } },
      };
    }
  }
}

/**
 * The `demo` source type: deterministic synthetic data for every KPI and every entity annotated
 * `customer-kpis.io/demo: enabled`. Each product gets a profile from its name, lifecycle and tags (see
 * {@link demoProfileOf}); every value is drawn from a generator seeded with the entity ref, the KPI and the day, so
 * that the same day always gives the same observations with the same ids (`<entityRef>:<kpi>:<day>:<index>`).
 *
 * The first run generates `days` of history ending today; later runs generate only the days after the cursor (the last
 * complete day per entity), today again until it is over, and the last `MAX_DAYS_TO_VALUE` days of time to value
 * (journeys that have reached value since). One page per entity and calendar month.
 */
export const demoSourceType: CustomerKpisSourceType<DemoConfig> = {
  id: 'demo',
  title: 'Demo data',
  description:
    'Deterministic synthetic data for every KPI of every entity annotated customer-kpis.io/demo: enabled, with a different profile per product. For demo portals only.',
  configSchema: demoConfigSchema,
  kpis: KPI_IDS,
  annotation: DEMO_ANNOTATION,
  isAvailable: isDemoEnabled,
  pull: pullDemo,
};
