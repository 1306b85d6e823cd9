// Generates one product's synthetic observations of one day, deterministically from its ref, the KPI and the day.
import {
  AdoptionObservation,
  CustomerEffortObservation,
  KpiId,
  Observation,
  RecommendObservation,
  RetentionObservation,
  SatisfactionObservation,
  TimeToResolveObservation,
  TimeToValueObservation,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import {
  DAY_MS,
  businessMinutesBetween,
  dayStartMs,
  firstDayOfMonth,
  isWeekend,
  lastDayOfMonth,
} from './days';
import { DemoProfile } from './profiles';
import { SeededRandom, clamp } from './random';

/** Journeys reach value within this many days or never: the demo revisits that many days of time to value. */
export const MAX_DAYS_TO_VALUE = 13;

const MINUTE_MS = 60_000;

/** Everything that decides one day's data. */
export interface DemoDayInput {
  entityRef: string;
  profile: DemoProfile;
  day: string;
  /** The day of the run (UTC): events after `nowMs` have not happened yet, gauges of today are not final. */
  today: string;
  nowMs: number;
  /** The length of the history: trends run over it, ending today. */
  historyDays: number;
  answersPerDay: number;
}

/** Where `day` lies in the history: 0 on its first day, 1 today. */
function historyPosition(input: DemoDayInput): number {
  const daysBeforeToday =
    (dayStartMs(input.today) - dayStartMs(input.day)) / DAY_MS;
  return clamp(1 - daysBeforeToday / input.historyDays, 0, 1);
}

function qualityOn(input: DemoDayInput): number {
  const { quality, trend } = input.profile;
  return clamp(quality + trend * (historyPosition(input) - 0.5), 0.05, 0.95);
}

function easeOn(input: DemoDayInput): number {
  const { ease, trend } = input.profile;
  return clamp(ease + trend * (historyPosition(input) - 0.5), 0.05, 0.95);
}

function adoptionRateOn(input: DemoDayInput, day = input.day): number {
  const { adoptionRate, adoptionTrend } = input.profile;
  return clamp(
    adoptionRate + adoptionTrend * (historyPosition({ ...input, day }) - 1),
    0.02,
    0.95,
  );
}

function eligibleOn(input: DemoDayInput, day = input.day): number {
  const daysBeforeToday = (dayStartMs(input.today) - dayStartMs(day)) / DAY_MS;
  // a slowly growing user base: about 5% a year
  return Math.max(
    10,
    Math.round(
      input.profile.eligibleUsers * (1 - (0.05 * daysBeforeToday) / 365),
    ),
  );
}

function randomFor(input: DemoDayInput, kpi: KpiId): SeededRandom {
  return new SeededRandom(`${input.entityRef}|${kpi}|${input.day}`);
}

function observationId(input: DemoDayInput, kpi: KpiId, index: number) {
  return `${input.entityRef}:${kpi}:${input.day}:${index}`;
}

function iso(ms: number): string {
  return new Date(Math.round(ms / 1000) * 1000).toISOString();
}

/** Mean answers of a survey on this day: fewer at weekends. */
function dailyMean(input: DemoDayInput, factor = 1): number {
  return (
    input.answersPerDay *
    input.profile.volume *
    factor *
    (isWeekend(input.day) ? 0.6 : 1)
  );
}

type SurveyObservation =
  | RecommendObservation
  | SatisfactionObservation
  | CustomerEffortObservation;

function surveyAnswers(
  input: DemoDayInput,
  kpi: SurveyObservation['kpi'],
  score: (random: SeededRandom) => number,
): SurveyObservation[] {
  const random = randomFor(input, kpi);
  const count = random.poisson(dailyMean(input));
  const dayMs = dayStartMs(input.day);
  const answers: SurveyObservation[] = [];
  for (let i = 0; i < count; i++) {
    // answers arrive 07:00–21:00 UTC; draw in a fixed order so that every answer's values depend on its index only
    const atMs = dayMs + (7 + 14 * random.next()) * 3_600_000;
    const value = score(random);
    if (atMs > input.nowMs) {
      continue;
    }
    const base = {
      id: observationId(input, kpi, i),
      entityRef: input.entityRef,
      timestamp: iso(atMs),
    };
    answers.push(
      kpi === 'customer-effort'
        ? { ...base, kpi, score: value, scale: 7 }
        : { ...base, kpi, score: value },
    );
  }
  return answers;
}

function recommendAnswers(input: DemoDayInput) {
  const quality = qualityOn(input);
  // mean 4 + 7q: q 0.5 → NPS ≈ 0, q 0.8 → NPS ≈ +65
  return surveyAnswers(input, 'recommend', random =>
    Math.round(clamp(4 + 7 * quality + 2 * random.normal(), 0, 10)),
  );
}

function satisfactionAnswers(input: DemoDayInput) {
  const quality = qualityOn(input);
  return surveyAnswers(input, 'satisfaction', random =>
    Math.round(clamp(1.6 + 3.4 * quality + 0.9 * random.normal(), 1, 5)),
  );
}

function effortAnswers(input: DemoDayInput) {
  const ease = easeOn(input);
  return surveyAnswers(input, 'customer-effort', random =>
    Math.round(clamp(2.2 + 4.6 * ease + 1.1 * random.normal(), 1, 7)),
  );
}

/** Tickets RESOLVED on this day (so that a day, once past, never changes): opened earlier by their duration. */
function resolvedTickets(input: DemoDayInput): TimeToResolveObservation[] {
  const random = randomFor(input, 'time-to-resolve');
  const count = random.poisson(dailyMean(input, 0.7));
  const dayMs = dayStartMs(input.day);
  const quality = qualityOn(input);
  const tickets: TimeToResolveObservation[] = [];
  for (let i = 0; i < count; i++) {
    const resolvedMs = dayMs + (8 + 10 * random.next()) * 3_600_000;
    const minutes = Math.max(
      5,
      input.profile.resolveMedianMinutes *
        (1.3 - 0.6 * quality) *
        Math.exp(0.9 * random.normal()),
    );
    if (resolvedMs > input.nowMs) {
      continue;
    }
    const openedMs = resolvedMs - Math.round(minutes) * MINUTE_MS;
    tickets.push({
      id: observationId(input, 'time-to-resolve', i),
      kpi: 'time-to-resolve',
      entityRef: input.entityRef,
      openedAt: iso(openedMs),
      resolvedAt: iso(resolvedMs),
      businessMinutes: businessMinutesBetween(openedMs, resolvedMs),
    });
  }
  return tickets;
}

/**
 * Journeys STARTED on this day. A journey reaches value within `MAX_DAYS_TO_VALUE` days or never; one whose
 * value lies after now is sent with `valueAt: null` and sent again, completed, by a later run.
 */
function valueJourneys(input: DemoDayInput): TimeToValueObservation[] {
  const random = randomFor(input, 'time-to-value');
  const count = random.poisson(dailyMean(input, 0.5));
  const dayMs = dayStartMs(input.day);
  const quality = qualityOn(input);
  const neverShare = clamp(
    input.profile.neverValueShare * (1.5 - quality),
    0.02,
    0.6,
  );
  const journeys: TimeToValueObservation[] = [];
  for (let i = 0; i < count; i++) {
    const startedMs = dayMs + 24 * 3_600_000 * random.next();
    const reaches = random.next() >= neverShare;
    const minutes =
      input.profile.valueMedianMinutes *
      (1.4 - 0.8 * quality) *
      Math.exp(0.8 * random.normal());
    if (startedMs > input.nowMs) {
      continue;
    }
    const valueMs = startedMs + Math.max(1, Math.round(minutes)) * MINUTE_MS;
    const reached =
      reaches &&
      valueMs - startedMs <= MAX_DAYS_TO_VALUE * DAY_MS &&
      valueMs <= input.nowMs;
    journeys.push({
      id: observationId(input, 'time-to-value', i),
      kpi: 'time-to-value',
      entityRef: input.entityRef,
      startedAt: iso(startedMs),
      valueAt: reached ? iso(valueMs) : null,
    });
  }
  return journeys;
}

/** One gauge per complete day (today's is not final yet). */
function adoptionGauge(input: DemoDayInput): AdoptionObservation[] {
  if (input.day >= input.today) {
    return [];
  }
  const random = randomFor(input, 'adoption');
  const eligible = eligibleOn(input);
  const mau = Math.round(
    clamp(
      eligible * adoptionRateOn(input) * (1 + 0.02 * random.normal()),
      0,
      eligible,
    ),
  );
  const wau = Math.round(mau * random.between(0.45, 0.6));
  const dau = Math.round(
    wau * random.between(0.3, 0.4) * (isWeekend(input.day) ? 0.55 : 1),
  );
  return [
    {
      id: observationId(input, 'adoption', 0),
      kpi: 'adoption',
      entityRef: input.entityRef,
      date: input.day,
      dau,
      wau,
      mau,
      eligible,
    },
  ];
}

/** One period per calendar month, sent on its last day once that day is complete. */
function retentionPeriod(input: DemoDayInput): RetentionObservation[] {
  if (input.day >= input.today || input.day !== lastDayOfMonth(input.day)) {
    return [];
  }
  const random = randomFor(input, 'retention');
  const periodStart = firstDayOfMonth(input.day);
  const start = Math.round(
    eligibleOn(input, periodStart) * adoptionRateOn(input, periodStart),
  );
  const churn = clamp(
    input.profile.monthlyChurn *
      (1.5 - qualityOn(input)) *
      (1 + 0.2 * random.normal()),
    0,
    0.5,
  );
  const kept = Math.round(start * (1 - churn));
  const added = Math.round(
    start * input.profile.monthlyGrowth * (1 + 0.2 * random.normal()),
  );
  return [
    {
      id: observationId(input, 'retention', 0),
      kpi: 'retention',
      entityRef: input.entityRef,
      periodStart,
      periodEnd: input.day,
      start,
      end: kept + Math.max(0, added),
      new: Math.max(0, added),
    },
  ];
}

const GENERATORS: Record<KpiId, (input: DemoDayInput) => Observation[]> = {
  adoption: adoptionGauge,
  'time-to-value': valueJourneys,
  'time-to-resolve': resolvedTickets,
  'customer-effort': effortAnswers,
  satisfaction: satisfactionAnswers,
  retention: retentionPeriod,
  recommend: recommendAnswers,
};

/**
 * The observations of `kpis` for one product and one day. They are built in their normalised form (lower-case refs,
 * UTC timestamps with milliseconds) so that `parseObservation` returns each one unchanged; the tests check that for
 * every observation of a whole demo history instead of paying for validation on every run (the backend validates on
 * ingest anyway).
 */
export function generateDay(
  input: DemoDayInput,
  kpis: readonly KpiId[],
): Observation[] {
  return kpis.flatMap(kpi => GENERATORS[kpi](input));
}
