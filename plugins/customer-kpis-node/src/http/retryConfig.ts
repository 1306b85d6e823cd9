// The retry settings every HTTP source offers in its config, with the same meaning and defaults everywhere.
import { z } from 'zod';

/** Zod fields to spread into a source type's config schema: `retries` and `minRetryDelayMs`. */
export const retryConfigFields = {
  retries: z
    .number()
    .int()
    .min(0)
    .max(10)
    .default(4)
    .meta({ title: 'Retries' })
    .describe(
      'Retries of a request that failed with a network error, 429 or 5xx.',
    ),
  minRetryDelayMs: z
    .number()
    .int()
    .min(1)
    .default(1000)
    .meta({ title: 'First retry delay (ms)' })
    .describe(
      'Backoff before the first retry (doubled for each further one); a Retry-After header wins.',
    ),
};

/**
 * The backoff options of `fetchJsonWithRetry` for a config with {@link retryConfigFields}: its retries, its first
 * delay, and at most a minute (or the first delay, when that is longer) between two attempts.
 */
export function retryOptionsOf(config: {
  retries: number;
  minRetryDelayMs: number;
}): { retries: number; minTimeoutMs: number; maxTimeoutMs: number } {
  return {
    retries: config.retries,
    minTimeoutMs: config.minRetryDelayMs,
    maxTimeoutMs: Math.max(config.minRetryDelayMs, 60_000),
  };
}
