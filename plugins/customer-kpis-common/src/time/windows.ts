// Day windows for queries and comparisons: the last N days up to a day, the period before it, the days in it.
import {
  addDays,
  differenceInCalendarDays,
  eachDayOfInterval,
  format,
  parseISO,
} from 'date-fns';
import { isCalendarDay } from '../observations/fields';

/** An inclusive range of calendar days, `YYYY-MM-DD`. */
export interface DayWindow {
  from: string;
  to: string;
}

// Days are calendar dates, not instants: date-fns works on them at local midnight, which keeps day arithmetic exact
// in every time zone (including across daylight-saving changes); only the formatted date leaves this module.
function toDate(day: string): Date {
  if (!isCalendarDay(day)) {
    throw new RangeError(`"${day}" is not a day YYYY-MM-DD`);
  }
  return parseISO(day);
}

const toDay = (date: Date) => format(date, 'yyyy-MM-dd');

/** The day `days` days after `day` (negative: before). */
export function addDaysToDay(day: string, days: number): string {
  return toDay(addDays(toDate(day), days));
}

/** The window of the `days` days ending with `to` (inclusive): 30 days to 2025-03-31 is 2025-03-02…2025-03-31. */
export function windowEnding(to: string, days: number): DayWindow {
  if (!Number.isInteger(days) || days < 1) {
    throw new RangeError(
      `a window has a whole number of days ≥ 1, got ${days}`,
    );
  }
  return { from: addDaysToDay(to, -(days - 1)), to };
}

/** The number of days in a window. */
export function windowLength(window: DayWindow): number {
  return differenceInCalendarDays(toDate(window.to), toDate(window.from)) + 1;
}

/** The window of the same length just before `window`: the "previous period" of a comparison. */
export function previousWindow(window: DayWindow): DayWindow {
  return windowEnding(addDaysToDay(window.from, -1), windowLength(window));
}

/** Every day of a window, ascending. */
export function daysOf(window: DayWindow): string[] {
  return eachDayOfInterval({
    start: toDate(window.from),
    end: toDate(window.to),
  }).map(toDay);
}

/** Whether `day` lies in `window`. */
export function isDayInWindow(day: string, window: DayWindow): boolean {
  return day >= window.from && day <= window.to;
}

/** The UTC day of an instant (ISO text, epoch milliseconds or Date). */
export function utcDay(instant: string | number | Date): string {
  return new Date(instant).toISOString().slice(0, 10);
}
