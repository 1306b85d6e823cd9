// Small conversions between database values and the store's types, the same on SQLite and PostgreSQL.

/** An ISO timestamp from what the driver returns for a timestamp column (Date on PostgreSQL, text on SQLite). */
export function toIso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value as string);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** JSON text with object keys sorted, so that equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map(key => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** Splits a list into chunks, for IN lists that stay under the drivers' bind-parameter limits. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}

/** Aggregate text in the store was written by the engine's `serialise`: parse it without validating it again. */
export const TRUSTED = { trusted: true } as const;
