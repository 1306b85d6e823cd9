// Field schemas shared by every observation: ids, entity refs, timestamps, days and counts, with messages that name the field.
import { z } from 'zod';
import { parseEntityRefText } from './entityRefs';
import { describeValue as describe, textProblem } from './text';

export { normaliseEntityRef } from './entityRefs';

/** Whether `day` is a real calendar day written `YYYY-MM-DD`. */
export function isCalendarDay(day: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) {
    return false;
  }
  const [year, month, date] = [
    Number(match[1]),
    Number(match[2]),
    Number(match[3]),
  ];
  // setUTCFullYear, not Date.UTC: Date.UTC reads the years 0–99 as 1900–1999.
  const parsed = new Date(0);
  parsed.setUTCFullYear(year, month - 1, date);
  return (
    parsed.getUTCFullYear() === year &&
    parsed.getUTCMonth() === month - 1 &&
    parsed.getUTCDate() === date
  );
}

const TIMESTAMP_PATTERN =
  /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses an ISO 8601 date-time with an explicit offset (`Z` or `±hh:mm`) to epoch milliseconds; `undefined` when
 * the text is not one or names an impossible date or time. Fractions beyond milliseconds are truncated.
 */
export function parseTimestamp(text: string): number | undefined {
  const match = TIMESTAMP_PATTERN.exec(text);
  if (!match) {
    return undefined;
  }
  const [, day, hours, minutes, seconds = '00', fraction = '', offset] = match;
  if (
    !isCalendarDay(day) ||
    Number(hours) > 23 ||
    Number(minutes) > 59 ||
    Number(seconds) > 59
  ) {
    return undefined;
  }
  if (
    offset !== 'Z' &&
    (Number(offset.slice(1, 3)) > 23 || Number(offset.slice(4, 6)) > 59)
  ) {
    return undefined;
  }
  const millis = fraction ? fraction.slice(0, 4).padEnd(4, '0') : '';
  const ms = Date.parse(
    `${day}T${hours}:${minutes}:${seconds}${millis}${offset}`,
  );
  return Number.isFinite(ms) ? ms : undefined;
}

/** A message for a missing or mistyped field: "score is required" / "score must be … (got "x")". */
function typeMessage(field: string, expected: string) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined
      ? `${field} is required`
      : `${field} must be ${expected} (got ${describe(issue.input)})`;
}

/** A string field that refuses NUL and lone surrogates first, so that the message gives that reason. */
function wellFormedString(field: string, expected: string) {
  return z
    .string({ error: typeMessage(field, expected) })
    .superRefine((value, ctx) => {
      const problem = textProblem(value);
      if (problem)
        ctx.addIssue({
          code: 'custom',
          message: `${field} ${problem}`,
          continue: false,
        });
    });
}

/** The longest observation id: the size of its column. */
export const MAX_OBSERVATION_ID_LENGTH = 200;

/** The source-unique id of an observation: 1–200 characters. */
export const observationIdSchema = wellFormedString('id', 'a string')
  .trim()
  .min(1, 'id must not be empty')
  .max(
    MAX_OBSERVATION_ID_LENGTH,
    `id must be at most ${MAX_OBSERVATION_ID_LENGTH} characters`,
  );

/**
 * A catalog entity ref, normalised to lower-case `kind:namespace/name`: kind, namespace and name each follow the
 * catalog's own rules, so a ref that no entity can have is refused with the part that is wrong.
 */
export const entityRefSchema = wellFormedString(
  'entityRef',
  'a string',
).transform((value, ctx) => {
  const result = parseEntityRefText(value);
  if (result.problem !== undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `entityRef must be a catalog entity ref "kind:namespace/name", but ${
        result.problem
      } (got ${describe(value)})`,
    });
    return z.NEVER;
  }
  return result.ref;
});

/** An ISO 8601 date-time with an offset, normalised to UTC `YYYY-MM-DDTHH:mm:ss.sssZ`. */
export function timestampSchema(field: string) {
  return wellFormedString(field, 'an ISO 8601 date-time').transform(
    (value, ctx) => {
      const ms = parseTimestamp(value);
      if (ms === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `${field} must be an ISO 8601 date-time with an offset, such as 2025-03-01T09:30:00Z (got ${describe(
            value,
          )})`,
        });
        return z.NEVER;
      }
      return new Date(ms).toISOString();
    },
  );
}

/** A calendar day `YYYY-MM-DD`. */
export function daySchema(field: string) {
  return wellFormedString(field, 'a day YYYY-MM-DD').refine(isCalendarDay, {
    message: `${field} must be a real calendar day written YYYY-MM-DD`,
  });
}

/** An integer from `min` to `max` (inclusive). */
export function integerSchema(
  field: string,
  min: number,
  max: number = Number.MAX_SAFE_INTEGER,
) {
  const range =
    max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`;
  return z
    .number({ error: typeMessage(field, `an integer ${range}`) })
    .int(`${field} must be an integer ${range}`)
    .min(min, `${field} must be an integer ${range}`)
    .max(max, `${field} must be an integer ${range}`);
}

/** A non-negative finite number. */
export function nonNegativeSchema(field: string) {
  return z
    .number({ error: typeMessage(field, 'a number ≥ 0') })
    .min(0, `${field} must be a number ≥ 0`);
}

/** A boolean. */
export function booleanSchema(field: string) {
  return z.boolean({ error: typeMessage(field, 'true or false') });
}
