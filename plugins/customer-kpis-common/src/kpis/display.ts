// How the numbers of each KPI are shown — the unit they read in and their decimals — so that the screens and the CSV
// export round alike. Writing them in a locale (separators, signs, unit symbols) is the caller's business.
import { kpiDefinitions } from './definitions';
import { KpiId } from './ids';

/** A unit a duration is shown in. */
export type DurationUnit = 'minutes' | 'hours' | 'days';

/**
 * The unit a shown number reads in: a KPI's own unit (a change of a percentage in percentage points), a duration in
 * minutes, hours or days, or the Customer-Centricity Index (0–100).
 */
export type KpiDisplayUnit =
  | 'percent'
  | 'percent-points'
  | 'nps'
  | 'score'
  | DurationUnit
  | 'index';

/** A number as shown: `value` (not rounded) in `unit`, written with `minDecimals` to `maxDecimals` decimals. */
export interface KpiDisplayNumber {
  value: number;
  unit: KpiDisplayUnit;
  minDecimals: number;
  maxDecimals: number;
}

/** Decimals of each percentage KPI: adoption is a coarse gauge, CSAT and retention are read to a tenth. */
const PERCENT_DECIMALS: Partial<Record<KpiId, number>> = {
  adoption: 0,
  satisfaction: 1,
  retention: 1,
};

const MINUTES_PER: Record<DurationUnit, number> = {
  minutes: 1,
  hours: 60,
  days: 1440,
};

// Whole minutes; hours and days to at most a tenth.
const DURATION_DECIMALS: Record<DurationUnit, number> = {
  minutes: 0,
  hours: 1,
  days: 1,
};

/**
 * The unit that keeps a duration readable: under an hour minutes, under a day hours, otherwise days. The bounds sit
 * where the rounded figure would read "60 min" or "24 h".
 */
export function durationUnitOf(minutes: number): DurationUnit {
  const magnitude = Math.abs(minutes);
  if (magnitude < 59.5) return 'minutes';
  if (magnitude < 1440 - 3) return 'hours';
  return 'days';
}

/** A duration given in minutes, shown in `unit` (by default the one its size calls for). */
export function durationDisplay(
  minutes: number,
  unit: DurationUnit = durationUnitOf(minutes),
): KpiDisplayNumber & { unit: DurationUnit } {
  return {
    value: minutes / MINUTES_PER[unit],
    unit,
    minDecimals: 0,
    maxDecimals: DURATION_DECIMALS[unit],
  };
}

/** Options of {@link kpiValueDisplay}. */
export interface KpiDisplayOptions {
  /** One unit for every duration, where values are read side by side (a spreadsheet column); by default by size. */
  durationUnit?: DurationUnit;
}

/**
 * How a value of `kpi` is shown: NPS in whole points, percentages to the KPI's decimals, the effort score to a
 * tenth, durations in minutes, hours or days (see {@link durationDisplay}).
 */
export function kpiValueDisplay(
  kpi: KpiId,
  value: number,
  options: KpiDisplayOptions = {},
): KpiDisplayNumber {
  switch (kpiDefinitions[kpi].unit) {
    case 'nps':
      return { value, unit: 'nps', minDecimals: 0, maxDecimals: 0 };
    case 'percent': {
      const decimals = PERCENT_DECIMALS[kpi] ?? 1;
      return {
        value,
        unit: 'percent',
        minDecimals: decimals,
        maxDecimals: decimals,
      };
    }
    case 'score':
      return { value, unit: 'score', minDecimals: 1, maxDecimals: 1 };
    case 'minutes':
    default:
      return durationDisplay(value, options.durationUnit);
  }
}

/**
 * How a change of `kpi` against the previous window is shown: as the KPI's values are, a percentage's change in
 * percentage points, a duration's in the unit the change's own size calls for.
 */
export function kpiDeltaDisplay(
  kpi: KpiId,
  delta: number,
  options: KpiDisplayOptions = {},
): KpiDisplayNumber {
  const shown = kpiValueDisplay(kpi, delta, options);
  return shown.unit === 'percent'
    ? { ...shown, unit: 'percent-points' }
    : shown;
}

/** How the Customer-Centricity Index (0–100) is shown: whole points. */
export function cciValueDisplay(value: number): KpiDisplayNumber {
  return { value, unit: 'index', minDecimals: 0, maxDecimals: 0 };
}

/** How a change of the Customer-Centricity Index is shown: to at most a tenth of a point. */
export function cciDeltaDisplay(delta: number): KpiDisplayNumber {
  return { value: delta, unit: 'index', minDecimals: 0, maxDecimals: 1 };
}

// Rounds the shortest decimal form of a number (what String() writes) half away from zero, as Intl does: 1.005 is
// "1.01" on screen although the double lies a hair below, and a file must not read otherwise.
function roundedDecimal(value: number, decimals: number): string {
  const digits = String(Math.abs(value));
  // Exponent forms: below 1e-6 (rounds to zero here) or from 1e21 on (no KPI gets there).
  if (digits.includes('e')) return value.toFixed(decimals);
  const [whole, fraction = ''] = digits.split('.');
  const kept = (whole + fraction.padEnd(decimals, '0').slice(0, decimals))
    .split('')
    .map(Number);
  if ((fraction[decimals] ?? '0') >= '5') {
    let i = kept.length - 1;
    while (i >= 0 && kept[i] === 9) kept[i--] = 0;
    if (i >= 0) kept[i] += 1;
    else kept.unshift(1);
  }
  const text = kept.join('');
  const rounded =
    decimals > 0
      ? `${text.slice(0, -decimals)}.${text.slice(-decimals)}`
      : text;
  return value < 0 ? `-${rounded}` : rounded;
}

/**
 * A shown number as plain text for files: rounded half away from zero as Intl rounds, a dot before the decimals,
 * no grouping, no "-0". E.g. 60 percent → "60.0", 1863.48 minutes in hours → "31.1", 3 hours → "3".
 */
export function plainDisplayNumber(shown: KpiDisplayNumber): string {
  let text = roundedDecimal(shown.value, shown.maxDecimals);
  if (shown.maxDecimals > shown.minDecimals) {
    const [whole, decimals] = text.split('.');
    const kept = decimals.replace(/0+$/, '').padEnd(shown.minDecimals, '0');
    text = kept ? `${whole}.${kept}` : whole;
  }
  // A negative value that rounds to zero keeps its sign.
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}
