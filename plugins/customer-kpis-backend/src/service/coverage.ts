// Builds `GET /coverage`: for every catalog entity of a kind, whether each KPI has data, and why not: naming the
// source types to configure, the annotations to add, or the sources that fail or have sent nothing yet. A system
// or domain pools its components, as its KPIs do.
import {
  CoverageCell,
  CoverageResponse,
  KPI_IDS,
  KpiId,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { EntityRecord } from '../database/EntityStore';
import { DataPresence } from '../database/KpiStore';

/** What coverage needs to know about the installed source types and the configured sources. */
export interface SourceLandscape {
  types: ReadonlyArray<{
    id: string;
    kpis: readonly KpiId[];
    /** Every annotation that binds an entity to the type; any one suffices. */
    annotations: readonly string[];
  }>;
  sources: ReadonlyArray<{ id: string; type: string; lastRunFailed: boolean }>;
}

/** Data older than this is stale. */
export const STALE_AFTER_DAYS = 2;

/** The sorted distinct values. */
function distinct(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

/**
 * A KPI without data, and why. `bound` are the annotations that the entity (or a component it pools) carries; the
 * first missing link names what fills the gap.
 */
function missingCell(
  kpi: KpiId,
  bound: ReadonlySet<string>,
  landscape: SourceLandscape,
): CoverageCell {
  const feedingTypes = landscape.types.filter(t => t.kpis.includes(kpi));
  const sources = landscape.sources.filter(s =>
    feedingTypes.some(t => t.id === s.type),
  );
  const base = { state: 'missing' as const, lastDataAt: null, sources: [] };
  if (sources.length === 0)
    return {
      ...base,
      reason: 'no-source',
      sourceTypes: distinct(feedingTypes.map(t => t.id)),
    };
  const configuredTypes = feedingTypes.filter(t =>
    sources.some(s => s.type === t.id),
  );
  const boundTypes = configuredTypes.filter(t =>
    t.annotations.some(a => bound.has(a)),
  );
  const boundSources = sources.filter(s =>
    boundTypes.some(t => t.id === s.type),
  );
  if (boundSources.length === 0)
    return {
      ...base,
      reason: 'no-annotation',
      missingAnnotations: distinct(configuredTypes.flatMap(t => t.annotations)),
    };
  const failing = boundSources.filter(s => s.lastRunFailed);
  if (failing.length > 0)
    return {
      ...base,
      reason: 'source-failing',
      failingSources: distinct(failing.map(s => s.id)),
    };
  return {
    ...base,
    reason: 'no-data-yet',
    pendingSources: distinct(boundSources.map(s => s.id)),
  };
}

/** The presence of one KPI pooled over several entities: every source, the latest data. */
function pooledPresence(found: ReadonlyArray<DataPresence | undefined>): {
  sources: string[];
  lastDataAt: string | null;
} {
  const present = found.filter(
    (p): p is DataPresence => p !== undefined && p.sources.length > 0,
  );
  return {
    sources: distinct(present.flatMap(p => p.sources)),
    lastDataAt:
      present
        .map(p => p.lastDataAt)
        .filter((t): t is string => t !== null)
        .sort()
        .pop() ?? null,
  };
}

/**
 * The coverage matrix of `entities` and the data naming entities outside the catalog. `members` are the components
 * a system or domain pools (by its ref; those the caller may read): their data and bindings count as its own.
 */
export function buildCoverage(
  entities: readonly EntityRecord[],
  allCatalogRefs: ReadonlySet<string>,
  presence: readonly DataPresence[],
  landscape: SourceLandscape,
  now: Date,
  members: ReadonlyMap<string, readonly EntityRecord[]> = new Map(),
): CoverageResponse {
  const byPair = new Map(presence.map(p => [`${p.entityRef}|${p.kpi}`, p]));
  const staleBefore = new Date(
    now.getTime() - STALE_AFTER_DAYS * 86_400_000,
  ).toISOString();
  const bindingAnnotations = landscape.types.flatMap(t => t.annotations);

  const rows = entities.map(entity => {
    const pooled = [entity, ...(members.get(entity.entityRef) ?? [])];
    const bound = new Set(pooled.flatMap(e => Object.keys(e.annotations)));
    const cells = {} as Record<KpiId, CoverageCell>;
    for (const kpi of KPI_IDS) {
      const found = pooledPresence(
        pooled.map(e => byPair.get(`${e.entityRef}|${kpi}`)),
      );
      if (found.sources.length > 0) {
        cells[kpi] = {
          state:
            found.lastDataAt && found.lastDataAt >= staleBefore
              ? 'data'
              : 'stale',
          lastDataAt: found.lastDataAt,
          sources: found.sources,
        };
      } else {
        cells[kpi] = missingCell(kpi, bound, landscape);
      }
    }
    return {
      entityRef: entity.entityRef,
      title: entity.title ?? entity.name,
      kind: entity.kind,
      owner: entity.owner,
      system: entity.system,
      bindings: Object.keys(entity.annotations).filter(a =>
        bindingAnnotations.includes(a),
      ),
      ...(members.has(entity.entityRef) && {
        members: members.get(entity.entityRef)!.length,
      }),
      cells,
    };
  });

  const orphans = new Map<
    string,
    { kpis: KpiId[]; lastDataAt: string | null }
  >();
  for (const p of presence) {
    if (allCatalogRefs.has(p.entityRef) || p.sources.length === 0) continue;
    const entry = orphans.get(p.entityRef) ?? { kpis: [], lastDataAt: null };
    entry.kpis.push(p.kpi);
    if (p.lastDataAt && (!entry.lastDataAt || p.lastDataAt > entry.lastDataAt))
      entry.lastDataAt = p.lastDataAt;
    orphans.set(p.entityRef, entry);
  }
  return {
    staleAfterDays: STALE_AFTER_DAYS,
    rows,
    orphans: [...orphans.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([entityRef, o]) => ({
        entityRef,
        kpis: KPI_IDS.filter(k => o.kpis.includes(k)),
        lastDataAt: o.lastDataAt,
      })),
  };
}
