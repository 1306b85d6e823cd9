// Texts of the admin page that are computed, not translated: run durations, schedules and server error messages.
import { SourceSchedule } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { KpiFormat } from '../../hooks/useKpiFormat';
import { errorMessage } from '../shared/kpiState';

/** A run's duration: "850 ms", "16.8 s", "2 min 5 s". */
export function formatRunDuration(ms: number, format: KpiFormat): string {
  const seconds = format.t('admin.seconds');
  if (ms < 1000) return `${format.count(Math.round(ms))} ms`;
  if (ms < 60_000) {
    const value = new Intl.NumberFormat(format.locale, {
      maximumFractionDigits: 1,
    }).format(ms / 1000);
    return `${value} ${seconds}`;
  }
  const minutes = Math.floor(ms / 60_000);
  const rest = Math.round((ms % 60_000) / 1000);
  return `${format.count(minutes)} ${format.t('units.minutes')}${
    rest ? ` ${rest} ${seconds}` : ''
  }`;
}

type Duration = Partial<
  Record<'seconds' | 'minutes' | 'hours' | 'days', number>
>;

function isCron(
  frequency: SourceSchedule['frequency'],
): frequency is { cron: string } {
  return typeof (frequency as { cron?: unknown }).cron === 'string';
}

/** "every 30 min", "every 6 h", or "cron 0 * * * *". */
export function formatSchedule(
  schedule: SourceSchedule,
  format: KpiFormat,
): string {
  const { frequency } = schedule;
  if (isCron(frequency)) {
    return format.t('admin.sources.cron', { expression: frequency.cron });
  }
  const units: Array<[keyof Duration, string]> = [
    ['days', format.t('units.days')],
    ['hours', format.t('units.hours')],
    ['minutes', format.t('units.minutes')],
    ['seconds', format.t('admin.seconds')],
  ];
  const duration = units
    .filter(([key]) => (frequency as Duration)[key])
    .map(
      ([key, unit]) => `${format.count((frequency as Duration)[key]!)} ${unit}`,
    )
    .join(' ');
  return format.t('admin.sources.every', { duration });
}

/** A duration schedule as whole minutes, or undefined for a cron schedule or one that is not whole minutes. */
export function scheduleMinutes(schedule: SourceSchedule): number | undefined {
  const { frequency } = schedule;
  if (isCron(frequency)) return undefined;
  const d = frequency as Duration;
  const seconds =
    (d.seconds ?? 0) +
    60 * (d.minutes ?? 0) +
    3600 * (d.hours ?? 0) +
    86400 * (d.days ?? 0);
  return seconds > 0 && seconds % 60 === 0 ? seconds / 60 : undefined;
}

/** The cron expression of a schedule, if it has one. */
export function scheduleCron(schedule: SourceSchedule): string | undefined {
  return isCron(schedule.frequency) ? schedule.frequency.cron : undefined;
}

/**
 * What the server said: a ResponseError's `{ error: { message } }` (a 400 names the field), otherwise the error's
 * own message.
 */
export function serverMessage(error: unknown): string {
  const body = (error as { body?: { error?: { message?: unknown } } })?.body;
  if (typeof body?.error?.message === 'string') return body.error.message;
  return error instanceof Error ? errorMessage(error) : String(error);
}
