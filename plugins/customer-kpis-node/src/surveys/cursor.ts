// The cursor of a survey source: one position per survey, `{ version: 1, <key>: { <survey id>: position } }`, and the
// keyset position of the tools that list responses by a date to the second (Typeform, SurveyMonkey).
import { JsonValue } from '../sourceType';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The positions by survey id under `key` of a stored cursor. A position that `readPosition` refuses (undefined) is
 * left out, so that survey starts afresh; so does every survey of a cursor that is not of this shape.
 */
export function readSurveyCursor<T>(
  cursor: JsonValue | undefined,
  key: string,
  readPosition: (stored: Record<string, unknown>) => T | undefined,
): Record<string, T> {
  const positions: Record<string, T> = {};
  const stored = isRecord(cursor) ? cursor[key] : undefined;
  if (isRecord(stored)) {
    for (const [surveyId, value] of Object.entries(stored)) {
      const position = readPosition(isRecord(value) ? value : {});
      if (position !== undefined) positions[surveyId] = position;
    }
  }
  return positions;
}

/**
 * Where the next read of a survey starts, for a tool whose dates are to the second: the second (Unix) of the newest
 * response read, and the ids of the responses read in that second. The next request asks from that second again and
 * leaves out the responses already read there. A type, not an interface, so that a cursor holding it is a JsonValue.
 */
export type SecondPosition = { since: number; seen: string[] };

/** Where a survey read for the first time starts: `lookbackDays` before `now`, nothing seen. */
export function firstSecondPosition(
  now: Date,
  lookbackDays: number,
): SecondPosition {
  return {
    since: Math.floor(now.getTime() / 1000) - lookbackDays * 86_400,
    seen: [],
  };
}

/** A stored {@link SecondPosition}, or undefined when it is not one. */
export function readSecondPosition(
  stored: Record<string, unknown>,
): SecondPosition | undefined {
  const { since, seen } = stored;
  if (typeof since !== 'number' || !Number.isFinite(since)) return undefined;
  return {
    since,
    seen: Array.isArray(seen)
      ? seen.filter((id): id is string => typeof id === 'string')
      : [],
  };
}

/**
 * The position after reading `read` (the responses not read before, each with its id and the second of its date):
 * the newest second read, with the ids read in it; in the same second as before, they add to those seen there.
 */
export function nextSecondPosition(
  position: SecondPosition,
  read: ReadonlyArray<{ id: string; second: number }>,
): SecondPosition {
  const newest = Math.max(
    position.since,
    ...read.map(response => response.second).filter(Number.isFinite),
  );
  const atNewest = read
    .filter(response => response.second === newest)
    .map(response => response.id);
  return newest === position.since
    ? { since: newest, seen: [...position.seen, ...atNewest] }
    : { since: newest, seen: atNewest };
}
