// The values a KPI can take (percentages 0–100, NPS −100…100, the effort score 1 to its answer scale, durations from
// 0 up) and the axis a chart draws them on: round bounds inside that range and evenly spaced ticks.
import { nice, ticks } from 'd3-array';
import { kpiDefinitions } from './definitions';
import { DurationUnit, durationUnitOf } from './display';
import { KpiId } from './ids';

/** The answer scale of the customer effort score: 7 (CES 2.0), or 5 when only five-point answers exist. */
export type EffortScale = 5 | 7;

/** The closed range of a KPI's values; `max` is null for durations, which have no upper bound. */
export interface KpiValueRange {
  min: number;
  max: number | null;
}

/** The range of `kpi`'s values; customer effort runs from 1 to `effortScale` (7 unless said otherwise). */
export function kpiValueRange(
  kpi: KpiId,
  effortScale: EffortScale = 7,
): KpiValueRange {
  switch (kpiDefinitions[kpi].unit) {
    case 'percent':
      return { min: 0, max: 100 };
    case 'nps':
      return { min: -100, max: 100 };
    case 'score':
      return { min: 1, max: effortScale };
    case 'minutes':
    default:
      return { min: 0, max: null };
  }
}

/** `value` moved into `range`: an interval computed past the scale (a t interval near 7, a wide NPS one) ends at it. */
export function clampToRange(value: number, range: KpiValueRange): number {
  const low = Math.max(value, range.min);
  return range.max === null ? low : Math.min(low, range.max);
}

/** An axis of a KPI chart: its bounds and ticks in the KPI's unit (durations in minutes). */
export interface KpiAxis {
  domain: [number, number];
  ticks: number[];
  /** Durations: the one unit the ticks are round in, and should be written in. */
  durationUnit?: DurationUnit;
}

/** Options of {@link kpiAxis}. */
export interface KpiAxisOptions {
  effortScale?: EffortScale;
  /** About how many ticks; d3-array's `ticks` picks a step of 1, 2 or 5 times a power of ten. Default 5. */
  tickCount?: number;
  /** Whether the axis starts at zero (bars, whose length is their value). Durations always do. */
  includeZero?: boolean;
}

// The narrowest axis of each unit, so that noise of a tenth of a point does not fill a chart's height.
const MINIMUM_SPAN = { percent: 10, nps: 20, score: 1 } as const;

const MINUTES_PER: Record<DurationUnit, number> = {
  minutes: 1,
  hours: 60,
  days: 1440,
};

/**
 * The axis that shows `values` of `kpi` (points, interval bounds, a target): bounds widened to round numbers but never
 * past the KPI's range, and ticks evenly spaced inside them. A duration axis starts at 0 and ticks in whole steps of
 * the unit its largest value reads in (0, 12, 24, 36 hours; not 0, 500, 1000 minutes).
 */
export function kpiAxis(
  kpi: KpiId,
  values: readonly number[],
  options: KpiAxisOptions = {},
): KpiAxis {
  const count = options.tickCount ?? 5;
  const range = kpiValueRange(kpi, options.effortScale);
  const shown = values
    .filter(Number.isFinite)
    .map(value => clampToRange(value, range));
  const unit = kpiDefinitions[kpi].unit;

  if (unit === 'minutes') {
    const largest = Math.max(0, ...shown);
    // An empty or all-zero chart still gets an hour of axis, in minutes.
    const durationUnit = largest > 0 ? durationUnitOf(largest) : 'minutes';
    const per = MINUTES_PER[durationUnit];
    const [, high] = nice(0, largest > 0 ? largest / per : 60, count);
    return {
      domain: [0, high * per],
      ticks: ticks(0, high, count).map(tick => tick * per),
      durationUnit,
    };
  }

  const max = range.max ?? 0;
  let low = shown.length > 0 ? Math.min(...shown) : range.min;
  let high = shown.length > 0 ? Math.max(...shown) : max;
  if (options.includeZero) {
    low = Math.min(low, 0);
    high = Math.max(high, 0);
  }
  const span = MINIMUM_SPAN[unit];
  if (high - low < span) {
    const middle = (low + high) / 2;
    low = middle - span / 2;
    high = middle + span / 2;
    // Shifted rather than cut where the span meets an end of the scale.
    if (low < range.min) [low, high] = [range.min, range.min + span];
    if (high > max) [low, high] = [Math.max(range.min, max - span), max];
  }
  const [niceLow, niceHigh] = nice(low, high, count);
  const domain: [number, number] = [
    Math.max(niceLow, range.min),
    Math.min(niceHigh, max),
  ];
  return { domain, ticks: ticks(domain[0], domain[1], count) };
}
