// JQL date bounds: an instant written as the "yyyy/MM/dd HH:mm" wall time that Jira reads in the API user's time zone.

const MINUTE_MS = 60_000;
/** Around a DST change the bound moves back by the change; this is how far around. */
const DST_GUARD_MS = 3 * 3_600_000;
/** With no known time zone the bound moves back by the largest negative UTC offset there is (UTC−12), and some. */
const UNKNOWN_ZONE_MARGIN_MS = 14 * 3_600_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock fields of `instantMs` in `timeZone`. */
function wallTime(instantMs: number, timeZone: string) {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(new Date(instantMs))
      .map(part => [part.type, part.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** The UTC offset of `timeZone` at `instantMs`, in minutes east of UTC (Berlin in summer: 120). */
export function utcOffsetMinutes(instantMs: number, timeZone: string): number {
  const wall = wallTime(instantMs, timeZone);
  const wallAsUtc = Date.UTC(
    wall.year,
    wall.month - 1,
    wall.day,
    wall.hour,
    wall.minute,
    wall.second,
  );
  return Math.round(
    (wallAsUtc - Math.floor(instantMs / 1000) * 1000) / MINUTE_MS,
  );
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `instantMs` as JQL writes a date-time in `timeZone`: "yyyy/MM/dd HH:mm", seconds cut off (rounded down). */
export function formatJqlDateTime(instantMs: number, timeZone: string): string {
  const wall = wallTime(instantMs, timeZone);
  return `${wall.year}/${pad(wall.month)}/${pad(wall.day)} ${pad(
    wall.hour,
  )}:${pad(wall.minute)}`;
}

/**
 * A JQL lower bound (`updated >= "<bound>"`) that includes everything from `instantMs` on, read in `timeZone`:
 * rounded down to the minute, and moved back by the size of a DST change within three hours, because a wall time of
 * the repeated hour may be read as its later occurrence. Without a time zone, the bound is written in UTC and moved
 * back 14 hours, so that it is early enough in any zone the API user may have.
 */
export function jqlLowerBound(
  instantMs: number,
  timeZone: string | undefined,
): string {
  if (!timeZone) {
    return formatJqlDateTime(instantMs - UNKNOWN_ZONE_MARGIN_MS, 'UTC');
  }
  const offset = utcOffsetMinutes(instantMs, timeZone);
  const change = Math.max(
    Math.abs(offset - utcOffsetMinutes(instantMs - DST_GUARD_MS, timeZone)),
    Math.abs(offset - utcOffsetMinutes(instantMs + DST_GUARD_MS, timeZone)),
  );
  return formatJqlDateTime(instantMs - change * MINUTE_MS, timeZone);
}
