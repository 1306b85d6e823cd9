// Which entities and KPIs have data, from which sources and since when: read from the window rows and today's
// buckets, so that it is current without a summary refresh and writes nothing.
import {
  KpiId,
  STANDARD_WINDOW_DAYS,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { DataPresence } from '../../KpiStore';
import { RECENT_BUCKETS, WINDOW_SUMMARIES } from '../../tables';
import { toIso } from '../../util';
import { pairKey } from '../../windowAccumulator';
import { Db } from '../types';

/** The later of two ISO times, either of which may be missing. */
function later(a: string | null, b: string | null): string | null {
  if (!a || !b) return a ?? b;
  return a > b ? a : b;
}

/**
 * For every (entity, KPI) with data: when data last arrived and from which sources. The longest standard window's
 * row is kept for every pair that ever had data; the recent buckets add what arrived since the pair's summary
 * columns were last written (a pair whose first data came today has no row yet).
 */
export async function listDataPresence(db: Db): Promise<DataPresence[]> {
  const rows: {
    entity_ref: string;
    kpi: string;
    last_data_at: unknown;
    sources: string;
  }[] = await db(WINDOW_SUMMARIES)
    .where({ window_days: Math.max(...STANDARD_WINDOW_DAYS) })
    .select('entity_ref', 'kpi', 'last_data_at', 'sources');
  const recent: {
    entity_ref: string;
    kpi: string;
    source: string;
    updated_at: unknown;
  }[] = await db(RECENT_BUCKETS)
    .groupBy('entity_ref', 'kpi', 'source')
    .select('entity_ref', 'kpi', 'source')
    .max({ updated_at: 'updated_at' });
  const byPair = new Map<string, DataPresence>();
  for (const row of rows) {
    byPair.set(pairKey(row.entity_ref, row.kpi), {
      entityRef: row.entity_ref,
      kpi: row.kpi as KpiId,
      lastDataAt: toIso(row.last_data_at),
      sources: JSON.parse(row.sources),
    });
  }
  for (const row of recent) {
    const key = pairKey(row.entity_ref, row.kpi);
    const presence = byPair.get(key) ?? {
      entityRef: row.entity_ref,
      kpi: row.kpi as KpiId,
      lastDataAt: null,
      sources: [],
    };
    byPair.set(key, {
      ...presence,
      lastDataAt: later(presence.lastDataAt, toIso(row.updated_at)),
      sources: [...new Set([...presence.sources, row.source])].sort(),
    });
  }
  return [...byPair.values()];
}

/** The refs of the entities with data: window rows, or buckets of today that no row reflects yet. */
export async function listEntityRefsWithData(db: Db): Promise<string[]> {
  const rows: { entity_ref: string }[] = await db(WINDOW_SUMMARIES)
    .distinct('entity_ref')
    .union(db(RECENT_BUCKETS).distinct('entity_ref'));
  return rows.map(r => r.entity_ref).sort();
}
