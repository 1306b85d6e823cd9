// The overview's read that joins the catalog mirror with the stored summaries: one page of components, filtered,
// sorted and paged in the database.
import { KpiId } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { Knex } from 'knex';
import { EntityFilter, filteredEntities } from './EntityStore';
import { WINDOW_SUMMARIES } from './tables';

/** Which page of components to read. */
export interface ComponentPageQuery {
  filter: EntityFilter;
  /** By title (or name), or by the KPI's stored value over the window; rows without a value go last. */
  sort: 'title' | KpiId;
  order: 'asc' | 'desc';
  windowDays: number;
  limit: number;
  offset: number;
}

/** A page of entity refs in order, and how many entities match the filter. */
export interface ComponentPage {
  refs: string[];
  total: number;
}

/** Reads pages of the overview from the catalog mirror and the window summaries; it never writes. */
export class OverviewStore {
  constructor(private readonly db: Knex) {}

  /**
   * The refs of one page of the entities matching the filter, sorted (ties by ref), with the total. Only the refs
   * and the sort key are sorted (narrow rows); the caller reads the page's metadata and summaries by ref. The
   * stored summaries are as current as the KPI store's last refresh.
   */
  async readComponentPage(query: ComponentPageQuery): Promise<ComponentPage> {
    const { db } = this;
    // Spelt here, not taken from the query: the direction goes into the SQL text.
    const order = query.order === 'desc' ? 'desc' : 'asc';
    const base = filteredEntities(db, query.filter);
    // The total comes with the page (a window count), so the filtered entities are scanned once.
    const page = base
      .clone()
      .select('e.entity_ref', db.raw('count(*) over () as overview_total'));
    if (query.sort === 'title') {
      page.orderByRaw(`lower(coalesce(e.title, e.name)) ${order}`);
    } else {
      page
        .leftJoin(`${WINDOW_SUMMARIES} as s`, join =>
          join
            .on('s.entity_ref', '=', 'e.entity_ref')
            .andOn('s.kpi', '=', db.raw('?', [query.sort]))
            .andOn('s.window_days', '=', db.raw('?', [query.windowDays])),
        )
        .orderByRaw(
          `case when s.value is null then 1 else 0 end, s.value ${order}`,
        );
    }
    page.orderBy('e.entity_ref').limit(query.limit).offset(query.offset);
    const rows: { entity_ref: string; overview_total: number | string }[] =
      await page;
    // A page past the end has no rows to carry the total: count separately.
    const total = rows.length
      ? Number(rows[0].overview_total)
      : Number((await base.clone().count({ n: '*' }))[0].n);
    return { refs: rows.map(row => row.entity_ref), total };
  }
}
