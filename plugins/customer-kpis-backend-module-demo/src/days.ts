// UTC day arithmetic on `YYYY-MM-DD` strings, kept to plain milliseconds because the demo walks many days.

export const DAY_MS = 86_400_000;

export function dayStartMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

export function dayOfMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return dayOfMs(dayStartMs(day) + days * DAY_MS);
}

/** Days from `from` to `to`, both included; empty when `to` is before `from`. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let ms = dayStartMs(from); ms <= dayStartMs(to); ms += DAY_MS) {
    days.push(dayOfMs(ms));
  }
  return days;
}

/** Whether `day` is a Saturday or Sunday. */
export function isWeekend(day: string): boolean {
  const weekday = new Date(dayStartMs(day)).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** The last day of the month of `day`. */
export function lastDayOfMonth(day: string): string {
  const date = new Date(dayStartMs(day));
  return dayOfMs(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0));
}

/** The first day of the month of `day`. */
export function firstDayOfMonth(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

const BUSINESS_START_HOUR = 9;
const BUSINESS_END_HOUR = 17;

/** Minutes of [fromMs, toMs] that fall on Monday–Friday, 09:00–17:00 UTC: the demo's business hours. */
export function businessMinutesBetween(fromMs: number, toMs: number): number {
  let total = 0;
  for (
    let dayMs = Math.floor(fromMs / DAY_MS) * DAY_MS;
    dayMs < toMs;
    dayMs += DAY_MS
  ) {
    const weekday = new Date(dayMs).getUTCDay();
    if (weekday === 0 || weekday === 6) {
      continue;
    }
    const open = dayMs + BUSINESS_START_HOUR * 3_600_000;
    const close = dayMs + BUSINESS_END_HOUR * 3_600_000;
    total += Math.max(0, Math.min(close, toMs) - Math.max(open, fromMs));
  }
  return Math.floor(total / 60_000);
}
