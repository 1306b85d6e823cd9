// Validates request input with zod and turns every issue into one InputError (HTTP 400) naming the fields.
import { InputError } from '@backstage/errors';
import { z } from 'zod';

/** The parsed value, or an InputError such as `Invalid query: window: must be a duration …`. */
export function parseInput<T>(
  schema: z.ZodType<T>,
  value: unknown,
  what: string,
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const detail = result.error.issues
    .map(issue => `${issue.path.join('.') || what}: ${issue.message}`)
    .join('; ');
  throw new InputError(`Invalid ${what}: ${detail}`);
}
