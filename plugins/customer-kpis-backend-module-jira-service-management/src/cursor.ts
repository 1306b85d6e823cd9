// Where the next pull of a Jira source starts: per project, the last update seen and the issues seen around it.
import { JsonValue } from '@customer-kpis/backstage-plugin-customer-kpis-node';

/**
 * The progress of one project. `since`: the newest `updated` seen (ISO 8601); the next search starts `overlapMinutes`
 * before it. `seen`: issue id → `updated` (epoch ms) of the issues seen from that point on, so that the overlap
 * skips what did not change. `bindings`: the fingerprint of the project's bindings the progress belongs to.
 */
export interface ProjectProgress {
  since: string;
  seen: Record<string, number>;
  bindings: string;
}

/** The cursor of a `jira-service-management` source instance. */
export interface JiraCursor {
  version: 1;
  projects: Record<string, ProjectProgress>;
}

const isRecord = (value: unknown): value is Record<string, JsonValue> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads a stored cursor defensively: anything unexpected (another version, a hand edit) counts as no progress. */
export function readCursor(cursor: JsonValue | undefined): JiraCursor {
  const result: JiraCursor = { version: 1, projects: {} };
  if (!isRecord(cursor) || cursor.version !== 1 || !isRecord(cursor.projects)) {
    return result;
  }
  for (const [key, progress] of Object.entries(cursor.projects)) {
    if (
      !isRecord(progress) ||
      typeof progress.since !== 'string' ||
      !Number.isFinite(Date.parse(progress.since)) ||
      typeof progress.bindings !== 'string'
    ) {
      continue;
    }
    const seen: Record<string, number> = {};
    if (isRecord(progress.seen)) {
      for (const [id, updated] of Object.entries(progress.seen)) {
        if (typeof updated === 'number') {
          seen[id] = updated;
        }
      }
    }
    result.projects[key] = {
      since: progress.since,
      seen,
      bindings: progress.bindings,
    };
  }
  return result;
}

/**
 * The progress to store: `seen` keeps only the issues updated within `windowMs` (the overlap and a minute for the
 * minute-precision bound) before `sinceMs`; older ones are not read again.
 */
export function progressToStore(
  sinceMs: number,
  seen: Map<string, number>,
  windowMs: number,
  bindings: string,
): ProjectProgress {
  const keepFrom = sinceMs - windowMs;
  return {
    since: new Date(sinceMs).toISOString(),
    seen: Object.fromEntries(
      [...seen].filter(([, updated]) => updated >= keepFrom),
    ),
    bindings,
  };
}
