// Builds `GET /overview`: one row per component, or per system, domain or owner with its entities rolled up.
import {
  OverviewQuery,
  OverviewResponse,
  addDaysToDay,
  utcDay,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { CustomerKpisSettings } from '../config';
import {
  EntityFilter,
  EntityRecord,
  EntityStore,
} from '../database/EntityStore';
import {
  GroupSummaryStore,
  windowsByEntity,
} from '../database/GroupSummaryStore';
import { KpiStore } from '../database/KpiStore';
import { OverviewStore } from '../database/OverviewStore';
import { READ_UPKEEP_BUDGET_MS, groupRows } from './overviewGroups';
import {
  RowDraft,
  entityRow,
  relatedTitles,
  sortDrafts,
  toRow,
} from './overviewRows';

/** What the overview reads. */
export interface OverviewDeps {
  store: KpiStore;
  entities: EntityStore;
  groups: GroupSummaryStore;
  overviews: OverviewStore;
  settings: CustomerKpisSettings;
  now: () => Date;
}

/**
 * The rows of the entities `refs`, in that order, from their records and their stored summaries of the window; the
 * records may still be on their way, so that both are read at once.
 */
export async function entityRows(
  deps: OverviewDeps,
  refs: readonly string[],
  records: Promise<readonly EntityRecord[]> | readonly EntityRecord[],
  windowDays: number,
): Promise<RowDraft[]> {
  const [known, summaries] = await Promise.all([
    records,
    deps.store.readSummariesOfEntities(refs, windowDays),
  ]);
  const byRef = new Map(known.map(r => [r.entityRef, r]));
  const byEntity = windowsByEntity(summaries);
  return refs.map(ref =>
    entityRow(byRef.get(ref)!, byEntity.get(ref), deps.settings),
  );
}

/** Rows sorted and paged in memory: what is left when the database cannot sort (the index, groups). */
function page(
  drafts: RowDraft[],
  query: OverviewQuery,
): { total: number; drafts: RowDraft[] } {
  const offset = (query.page - 1) * query.pageSize;
  return {
    total: drafts.length,
    drafts: sortDrafts(drafts, query.sort, query.order).slice(
      offset,
      offset + query.pageSize,
    ),
  };
}

/**
 * Builds the overview for entities the caller may see (`visible`, lower-case refs). Sorting and paging read the
 * stored summaries, so it first brings them up to date (the one write of this read, through the store's
 * explicit call: a no-op query when nothing changed).
 */
/** The window of `days` ending today (UTC) and the window of as many days just before it, as overview answers say. */
export function overviewWindows(now: Date, days: number) {
  const today = utcDay(now);
  const from = addDaysToDay(today, -(days - 1));
  const previousTo = addDaysToDay(from, -1);
  return {
    window: { from, to: today, days },
    previousWindow: {
      from: addDaysToDay(previousTo, -(days - 1)),
      to: previousTo,
      days,
    },
  };
}

export async function buildOverview(
  deps: OverviewDeps,
  query: OverviewQuery,
  visible: ReadonlySet<string>,
): Promise<OverviewResponse> {
  // Bounded upkeep: the values are the stored summaries, brought up to date as far as a fraction of a second
  // allows; the answer says how many entities and groups are behind (the scheduled upkeep takes them in).
  const { pendingEntities } = await deps.store.refreshSummariesWithin(
    READ_UPKEEP_BUDGET_MS,
  );
  let pendingGroups = 0;
  const filter: EntityFilter = {
    kinds: [query.kind ?? 'component'],
    owner: query.owner,
    system: query.system,
    domain: query.domain,
    lifecycle: query.lifecycle,
    tag: query.tag,
    q: query.groupBy === 'component' ? query.q : undefined,
    refs: [...visible],
  };
  let result: { total: number; drafts: RowDraft[] };
  let warnings = new Set<string>();

  if (query.groupBy === 'component' && query.sort !== 'cci') {
    // Filtered, sorted and paged in the database; the page's records and summaries are read by ref.
    const { refs, total } = await deps.overviews.readComponentPage({
      filter,
      sort: query.sort,
      order: query.order,
      windowDays: query.window,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    result = {
      total,
      drafts: await entityRows(
        deps,
        refs,
        deps.entities.getMany(refs),
        query.window,
      ),
    };
  } else if (query.groupBy === 'component') {
    // The index weighs every KPI against its thresholds: computed for every filtered entity, then sorted.
    const records = await deps.entities.list(filter);
    result = page(
      await entityRows(
        deps,
        records.map(r => r.entityRef),
        records,
        query.window,
      ),
      query,
    );
  } else {
    const grouped = await groupRows(
      deps,
      query.groupBy,
      query,
      filter,
      visible,
    );
    warnings = grouped.warnings;
    pendingGroups = grouped.pendingGroups;
    result = page(grouped.drafts, query);
  }

  // The page's owners, systems and domains by title, for readers who do not know refs (the CSV export).
  const titles = await relatedTitles(deps.entities, result.drafts, visible);
  return {
    groupBy: query.groupBy,
    ...overviewWindows(deps.now(), query.window),
    total: result.total,
    page: query.page,
    pageSize: query.pageSize,
    rows: result.drafts.map(draft => toRow(draft, titles)),
    warnings: [...warnings],
    minimumSample: deps.settings.minimumSample,
    pending: { entities: pendingEntities, groups: pendingGroups },
  };
}
