// Calendar days and months as Amplitude counts them: in the project's time zone, written YYYY-MM-DD.
import { addDaysToDay } from '@customer-kpis/backstage-plugin-customer-kpis-common';

export { addDaysToDay as addDays };

/** Today in `timeZone` at `now`, as YYYY-MM-DD. */
export function todayIn(timeZone: string, now: Date): string {
  // en-CA formats a date as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** A day as the API's `start` and `end` parameters take it: YYYYMMDD. */
export function compactDay(day: string): string {
  return day.replace(/-/g, '');
}

/** The first day of the month of `day`. */
export function monthOf(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** The first day of the month `months` after the month starting on `month`. */
export function addMonths(month: string, months: number): string {
  const date = new Date(`${month}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.toISOString().slice(0, 10);
}

/** The last day of the month starting on `month`. */
export function monthEnd(month: string): string {
  return addDaysToDay(addMonths(month, 1), -1);
}

/** The days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDaysToDay(day, 1)) {
    days.push(day);
  }
  return days;
}
