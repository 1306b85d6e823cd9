// Parsing of the HTTP Retry-After header (RFC 9110 §10.2.3): a number of seconds or an HTTP date.

/**
 * How many milliseconds `Retry-After` asks the client to wait, or `undefined` when the header is absent or unreadable.
 * A date in the past means "now" (0).
 */
export function parseRetryAfter(
  value: string | null | undefined,
  nowMs: number = Date.now(),
): number | undefined {
  const text = value?.trim();
  if (!text) {
    return undefined;
  }
  if (/^\d+$/.test(text)) {
    return Number(text) * 1000;
  }
  // Only the date forms: Date.parse would also accept "1.5" or "tomorrow"-like text on some engines.
  if (!/[a-z]/i.test(text)) {
    return undefined;
  }
  const at = Date.parse(text);
  return Number.isFinite(at) ? Math.max(0, at - nowMs) : undefined;
}
