// Builds `GET /coverage`: for every catalog entity of a kind, whether each KPI has data, and why not.
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

function missingCell(
  kpi: KpiId,
  entity: EntityRecord,
  landscape: SourceLandscape,
): CoverageCell {
  const feedingTypes = landscape.types.filter(t => t.kpis.includes(kpi));
  const sources = landscape.sources.filter(s =>
    feedingTypes.some(t => t.id === s.type),
  );
  const base = { state: 'missing' as const, lastDataAt: null, sources: [] };
  if (sources.length === 0) return { ...base, reason: 'no-source' };
  const boundTypes = feedingTypes.filter(t =>
    t.annotations.some(a => entity.annotations[a] !== undefined),
  );
  const boundSources = sources.filter(s =>
    boundTypes.some(t => t.id === s.type),
  );
  if (boundSources.length === 0) return { ...base, reason: 'no-annotation' };
  if (boundSources.some(s => s.lastRunFailed))
    return { ...base, reason: 'source-failing' };
  return { ...base, reason: 'no-data-yet' };
}

/** The coverage matrix of `entities` and the data naming entities outside the catalog. */
export function buildCoverage(
  entities: readonly EntityRecord[],
  allCatalogRefs: ReadonlySet<string>,
  presence: readonly DataPresence[],
  landscape: SourceLandscape,
  now: Date,
): CoverageResponse {
  const byPair = new Map(presence.map(p => [`${p.entityRef}|${p.kpi}`, p]));
  const staleBefore = new Date(
    now.getTime() - STALE_AFTER_DAYS * 86_400_000,
  ).toISOString();
  const bindingAnnotations = landscape.types.flatMap(t => t.annotations);

  const rows = entities.map(entity => {
    const cells = {} as Record<KpiId, CoverageCell>;
    for (const kpi of KPI_IDS) {
      const found = byPair.get(`${entity.entityRef}|${kpi}`);
      if (found && found.sources.length > 0) {
        cells[kpi] = {
          state:
            found.lastDataAt && found.lastDataAt >= staleBefore
              ? 'data'
              : 'stale',
          lastDataAt: found.lastDataAt,
          sources: found.sources,
        };
      } else {
        cells[kpi] = missingCell(kpi, entity, landscape);
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
