// Checking what an API answered against the shape a source type relies on.
import { z } from 'zod';

/**
 * `body` parsed with `schema`, or an Error that says which answer (`what`, e.g. `Zendesk answered /api/v2/tickets`)
 * came in an unexpected shape and where: the first three issues, each as `path: message`. The message quotes no
 * value of the body, so it cannot carry a secret that an upstream echoed.
 */
export function parseJsonAnswer<T>(
  schema: z.ZodType<T>,
  body: unknown,
  what: string,
): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new Error(
      `${what} in an unexpected shape: ${parsed.error.issues
        .slice(0, 3)
        .map(issue => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
        .join('; ')}`,
    );
  }
  return parsed.data;
}
