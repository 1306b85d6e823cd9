// Rules every text input obeys before it gets near a database: no NUL, no lone surrogate, a length that fits its column.
import { z } from 'zod';

// With the `u` flag a surrogate pair is one code point, so only an unpaired half has the category Cs.
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Why `text` cannot be stored as it is, or `undefined`: PostgreSQL refuses NUL in text columns, and a lone
 * surrogate is not Unicode (it cannot be written as UTF-8), so both are refused at the edge with a reason.
 */
export function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) {
    return 'must not contain the NUL character (\\u0000)';
  }
  if (LONE_SURROGATE.test(text)) {
    return 'must be well-formed Unicode (it holds a lone surrogate such as \\ud800)';
  }
  return undefined;
}

/** How a rejected value is quoted in a message: short, and never the whole of a long input. */
export function describeValue(input: unknown): string {
  if (input === undefined) return 'nothing';
  if (input === null) return 'null';
  if (typeof input === 'string') {
    // JSON.stringify escapes NUL and lone surrogates, so the message itself stays well-formed.
    return input.length > 40
      ? `${JSON.stringify(`${input.slice(0, 40)}…`)} of ${
          input.length
        } characters`
      : JSON.stringify(input);
  }
  if (typeof input === 'number' || typeof input === 'boolean')
    return String(input);
  if (Array.isArray(input)) return 'an array';
  return typeof input === 'object' ? 'an object' : `a ${typeof input}`;
}

/** What is wrong with `text` as a string of `min`–`max` characters, or `undefined`. */
export function boundedTextProblem(
  text: string,
  max: number,
  min = 1,
): string | undefined {
  const problem = textProblem(text);
  if (problem) return problem;
  if (text.length < min) {
    return min === 1
      ? 'must not be empty'
      : `must be at least ${min} characters`;
  }
  if (text.length > max) {
    return `must be at most ${max} characters (got ${text.length})`;
  }
  return undefined;
}

/**
 * A string of `min`–`max` UTF-16 code units with no NUL and no lone surrogate. `max` is the column's size or less:
 * a PostgreSQL `varchar(n)` counts code points, never more than code units, so the stored value always fits.
 * `field` starts each message when it is given ("title must …"); without it the caller adds the path.
 */
export function boundedText(
  max: number,
  options: { min?: number; field?: string } = {},
) {
  const prefix = options.field ? `${options.field} ` : '';
  return z
    .string({
      error: issue =>
        issue.input === undefined
          ? `${prefix}is required`.trim()
          : `${prefix}must be a string (got ${describeValue(issue.input)})`,
    })
    .superRefine((text, ctx) => {
      const problem = boundedTextProblem(text, max, options.min);
      // Later checks (a date format, a pattern) would only repeat that the value is wrong.
      if (problem)
        ctx.addIssue({
          code: 'custom',
          message: prefix + problem,
          continue: false,
        });
    });
}
