// Locale-aware formatting of KPI numbers — NPS points, percentages, scores, durations, counts — with Intl.
import { durationDisplay } from '@customer-kpis/backstage-plugin-customer-kpis-common';

/** The unit symbols of durations, translated by the caller. */
export interface DurationLabels {
  minutes: string;
  hours: string;
  days: string;
}

/** English duration symbols, used when the caller gives none. */
export const DEFAULT_DURATION_LABELS: DurationLabels = {
  minutes: 'min',
  hours: 'h',
  days: 'd',
};

// A unit follows its number after a no-break space, so that "60.0 %" never wraps between the two.
const NBSP = '\u00a0';
const MINUS = '\u2212';

const formatters = new Map<string, Intl.NumberFormat>();

function numberFormat(
  locale: string,
  options: Intl.NumberFormatOptions,
): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, options);
    formatters.set(key, formatter);
  }
  return formatter;
}

// Intl writes a hyphen-minus in most locales; typography wants the minus sign.
function withMinusSign(text: string): string {
  return text.replace(/-/g, MINUS);
}

/** A number with a fixed range of fraction digits, e.g. 5.4 or 1,234. */
export function formatNumber(
  value: number,
  locale: string,
  fractionDigits: { min?: number; max?: number } = {},
): string {
  const max = fractionDigits.max ?? 0;
  return withMinusSign(
    numberFormat(locale, {
      minimumFractionDigits: fractionDigits.min ?? 0,
      maximumFractionDigits: max,
    }).format(value),
  );
}

/** A count of answers, tickets or users: an integer with the locale's grouping, e.g. 12,345. */
export function formatCount(value: number, locale: string): string {
  return formatNumber(Math.round(value), locale);
}

/** Net Promoter Score points, signed and rounded (by default to whole points): "+51", "−12", "0". */
export function formatNps(value: number, locale: string, decimals = 0): string {
  return withMinusSign(
    numberFormat(locale, {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      signDisplay: 'exceptZero',
    }).format(value),
  );
}

/** A percentage (0–100) with a fixed number of decimals: "60.0 %", "42 %". */
export function formatPercent(
  value: number,
  locale: string,
  decimals = 1,
): string {
  return `${formatNumber(value, locale, {
    min: decimals,
    max: decimals,
  })}${NBSP}%`;
}

/** A change of a percentage in percentage points, signed: "+4.2 pp". */
export function formatPercentPoints(
  value: number,
  locale: string,
  decimals = 1,
): string {
  return `${withMinusSign(
    numberFormat(locale, {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      signDisplay: 'exceptZero',
    }).format(value),
  )}${NBSP}pp`;
}

/** A mean on an answer scale (by default to a tenth), with the scale: "5.4 / 7". */
export function formatScore(
  value: number,
  scale: number,
  locale: string,
  decimals = 1,
): string {
  return `${formatNumber(value, locale, {
    min: decimals,
    max: decimals,
  })}${NBSP}/${NBSP}${scale}`;
}

/**
 * A duration given in minutes, in the largest unit that keeps it readable (the rule of `durationDisplay`): under an
 * hour in minutes ("45 min"), under a day in hours ("3 h", "1.5 h"), otherwise in days ("2.5 d").
 */
export function formatDuration(
  minutes: number,
  locale: string,
  labels: DurationLabels = DEFAULT_DURATION_LABELS,
): string {
  const shown = durationDisplay(minutes);
  return `${formatNumber(shown.value, locale, {
    min: shown.minDecimals,
    max: shown.maxDecimals,
  })}${NBSP}${labels[shown.unit]}`;
}

const relativeFormatters = new Map<string, Intl.RelativeTimeFormat>();

/** How long ago a time was, in the locale's words: "3 days ago", "il y a 5 heures". */
export function formatAge(then: Date, now: Date, locale: string): string {
  let formatter = relativeFormatters.get(locale);
  if (!formatter) {
    formatter = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relativeFormatters.set(locale, formatter);
  }
  const seconds = (then.getTime() - now.getTime()) / 1000;
  const magnitude = Math.abs(seconds);
  if (magnitude < 3600)
    return formatter.format(Math.round(seconds / 60), 'minute');
  if (magnitude < 86400)
    return formatter.format(Math.round(seconds / 3600), 'hour');
  return formatter.format(Math.round(seconds / 86400), 'day');
}

/** A UTC calendar day 'YYYY-MM-DD' in the locale's short form, e.g. "Jun 30, 2025" or "30 juin 2025". */
export function formatDay(day: string, locale: string): string {
  const date = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeZone: 'UTC',
  }).format(date);
}

/** A point in time in the locale's medium date and short time, in the user's time zone. */
export function formatDateTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date);
}
