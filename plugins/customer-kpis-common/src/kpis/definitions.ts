// What each KPI is: title, unit, direction, default target and window — the facts every screen and rollup reads.
import { KpiId } from './ids';

/**
 * The unit of a KPI's headline value.
 * - `percent`: 0–100.
 * - `nps`: Net Promoter Score points, −100…100.
 * - `score`: a mean on an answer scale (customer effort: 1–7, or 1–5 when only five-point answers exist).
 * - `minutes`: a duration in minutes (the UI formats it as hours or days).
 */
export type KpiUnit = 'percent' | 'nps' | 'score' | 'minutes';

/** Whether a higher or a lower value of the KPI is better. */
export type KpiDirection = 'higher' | 'lower';

/**
 * A pair of thresholds. For a `higher` KPI a value ≥ `target` is good, ≥ `warning` is warning, else critical;
 * for a `lower` KPI a value ≤ `target` is good, ≤ `warning` is warning, else critical.
 */
export interface Thresholds {
  target: number;
  warning: number;
}

/** The static description of one KPI. */
export interface KpiDefinition {
  id: KpiId;
  title: string;
  /** One sentence: what it measures. */
  description: string;
  /** How the headline value is computed. */
  formula: string;
  unit: KpiUnit;
  direction: KpiDirection;
  /** Thresholds used when neither app-config nor an entity annotation sets them. */
  defaultTarget: Thresholds;
  /** The default window the headline value covers, in days. */
  defaultWindowDays: number;
  /**
   * Whether the minimum sample (default 30) applies before the value gets a status. Surveys and durations are
   * samples; adoption and retention are counts of the whole user base (a census), so they get a status at any size.
   */
  minimumSampleApplies: boolean;
  /** The payload fields an observation of this KPI carries, besides the common envelope. */
  observationFields: readonly string[];
}

/** The seven KPI definitions, keyed by id. */
export const kpiDefinitions: Readonly<Record<KpiId, KpiDefinition>> = {
  adoption: {
    id: 'adoption',
    title: 'Adoption rate',
    description: 'Share of the eligible users who actually use the product.',
    formula:
      'monthly active users ÷ eligible users × 100, read on the latest day of the window',
    unit: 'percent',
    direction: 'higher',
    defaultTarget: { target: 60, warning: 40 },
    defaultWindowDays: 30,
    minimumSampleApplies: false,
    observationFields: ['date', 'dau', 'wau', 'mau', 'eligible'],
  },
  'time-to-value': {
    id: 'time-to-value',
    title: 'Time to value',
    description:
      'How long a customer waits from the start until the first satisfying result.',
    formula:
      'median of (valueAt − startedAt) over the customers who reached value, by start cohort',
    unit: 'minutes',
    direction: 'lower',
    defaultTarget: { target: 1440, warning: 4320 },
    defaultWindowDays: 90,
    minimumSampleApplies: true,
    observationFields: ['startedAt', 'valueAt'],
  },
  'time-to-resolve': {
    id: 'time-to-resolve',
    title: 'Time to resolve',
    description: 'How long customer requests take from opened to resolved.',
    formula:
      'median of (resolvedAt − openedAt), or of the source’s business minutes when every ticket has them',
    unit: 'minutes',
    direction: 'lower',
    defaultTarget: { target: 1440, warning: 4320 },
    defaultWindowDays: 30,
    minimumSampleApplies: true,
    observationFields: ['openedAt', 'resolvedAt', 'businessMinutes'],
  },
  'customer-effort': {
    id: 'customer-effort',
    title: 'Customer effort score',
    description:
      'How easy customers found it to get something done (CES 2.0, 7 = very easy).',
    formula:
      'mean answer on the 1–7 scale (1–5 when a source only has five-point answers)',
    unit: 'score',
    direction: 'higher',
    defaultTarget: { target: 5.5, warning: 4.5 },
    defaultWindowDays: 90,
    minimumSampleApplies: true,
    observationFields: ['score', 'scale', 'inverted'],
  },
  satisfaction: {
    id: 'satisfaction',
    title: 'Customer satisfaction (CSAT)',
    description:
      'Share of satisfied customers: answers of 4 or 5 on a 1–5 scale.',
    formula: 'answers 4–5 ÷ all answers × 100',
    unit: 'percent',
    direction: 'higher',
    defaultTarget: { target: 80, warning: 70 },
    defaultWindowDays: 90,
    minimumSampleApplies: true,
    observationFields: ['score'],
  },
  retention: {
    id: 'retention',
    title: 'Customer retention rate',
    description:
      'Share of the customers at the start of a period who are still customers at its end.',
    formula:
      '(E − N) ÷ S × 100, summed over the periods ending in the window (S start, E end, N new)',
    unit: 'percent',
    direction: 'higher',
    defaultTarget: { target: 90, warning: 80 },
    defaultWindowDays: 90,
    minimumSampleApplies: false,
    observationFields: ['periodStart', 'periodEnd', 'start', 'end', 'new'],
  },
  recommend: {
    id: 'recommend',
    title: 'Likelihood to recommend (NPS)',
    description:
      'Whether customers would recommend the product: Net Promoter Score.',
    formula: '% promoters (9–10) − % detractors (0–6), from counts',
    unit: 'nps',
    direction: 'higher',
    defaultTarget: { target: 30, warning: 0 },
    defaultWindowDays: 90,
    minimumSampleApplies: true,
    observationFields: ['score'],
  },
};

/** The definition of one KPI. */
export function kpiDefinition(kpi: KpiId): KpiDefinition {
  return kpiDefinitions[kpi];
}

/** The default minimum sample below which a KPI that samples gets the status `insufficient-data`. */
export const DEFAULT_MINIMUM_SAMPLE = 30;
