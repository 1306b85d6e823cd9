// ServiceNow's raw field values (sysparm_display_value=false): UTC date-times and glide_duration values.

const GLIDE_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** Epoch ms of a raw glide_date_time, `yyyy-MM-dd HH:mm:ss` in UTC; `undefined` when empty or malformed. */
function glideMillis(value: string | undefined | null): number | undefined {
  const match = GLIDE_DATE_TIME.exec(value?.trim() ?? '');
  if (!match) {
    return undefined;
  }
  const [year, month, day, hours, minutes, seconds] = match
    .slice(1)
    .map(Number);
  const ms = Date.UTC(year, month - 1, day, hours, minutes, seconds);
  const back = new Date(ms);
  // Date.UTC rolls 2026-02-30 over to March: such a value is malformed, not a date.
  return back.getUTCFullYear() === year &&
    back.getUTCMonth() === month - 1 &&
    back.getUTCDate() === day &&
    hours < 24 &&
    minutes < 60 &&
    seconds < 60
    ? ms
    : undefined;
}

/**
 * A raw glide_date_time as ISO 8601 (`2026-11-02 09:00:00` → `2026-11-02T09:00:00.000Z`). With
 * sysparm_display_value=false the Table API returns date-times in UTC, whatever the user's time zone.
 */
export function glideDateTimeToIso(
  value: string | undefined | null,
): string | undefined {
  const ms = glideMillis(value);
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

/** An ISO time as a raw glide_date_time in UTC, for encoded queries (`sys_updated_on>=2026-11-02 09:00:00`). */
export function isoToGlideDateTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, '');
}

/**
 * Minutes of a raw glide_duration. ServiceNow stores a duration as the date-time that far after the epoch, and the
 * Table API returns it that way with sysparm_display_value=false: `1970-01-01 04:30:00` is 4 h 30 min,
 * `1970-01-03 02:00:00` is 2 days 2 h. `undefined` when empty, malformed or before the epoch.
 */
export function glideDurationMinutes(
  value: string | undefined | null,
): number | undefined {
  const ms = glideMillis(value);
  return ms === undefined || ms < 0 ? undefined : ms / 60_000;
}
