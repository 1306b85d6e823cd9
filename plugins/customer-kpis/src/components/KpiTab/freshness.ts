// Data freshness per source, derived from the entity's KPIs: each source's newest data is the newest lastUpdated of
// the KPIs it feeds (the entity response has no per-source time; the admin source runs need a permission).
import {
  EntityKpisResponse,
  KpiId,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';

/** One source of an entity, the KPIs it feeds and when their data last arrived. */
export interface SourceFreshness {
  source: string;
  kpis: KpiId[];
  lastUpdated: string | null;
}

/** The entity's sources, sorted by id, each with the KPIs it feeds and the newest of their `lastUpdated`. */
export function sourceFreshness(
  response: EntityKpisResponse,
): SourceFreshness[] {
  const bySource = new Map<string, SourceFreshness>();
  for (const kpi of response.kpis) {
    for (const source of kpi.sources) {
      const entry = bySource.get(source) ?? {
        source,
        kpis: [],
        lastUpdated: null,
      };
      entry.kpis.push(kpi.kpi);
      if (
        kpi.lastUpdated &&
        (!entry.lastUpdated ||
          Date.parse(kpi.lastUpdated) > Date.parse(entry.lastUpdated))
      )
        entry.lastUpdated = kpi.lastUpdated;
      bySource.set(source, entry);
    }
  }
  return [...bySource.values()].sort((a, b) =>
    a.source.localeCompare(b.source),
  );
}

/** The ids of the entity's sources, each once. */
export function entitySourceIds(response: EntityKpisResponse): string[] {
  return sourceFreshness(response).map(entry => entry.source);
}
