// Builds `GET /overview`: one row per component, or per system, domain or owner with its entities rolled up.
import {
  KPI_IDS,
  KpiId,
  KpiSummary,
  OverviewCell,
  OverviewQuery,
  OverviewResponse,
  OverviewRow,
  addDaysToDay,
  aggregatorFor,
  compareSummaries,
  customerCentricityIndex,
  kpiStatus,
  resolveThresholds,
  resolveWeights,
  utcDay,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { Knex } from 'knex';
import { CustomerKpisSettings } from '../config';
import { EntityRecord, EntityStore } from '../database/EntityStore';
import {
  GroupColumn,
  GroupRollups,
  GroupSummaryStore,
  rollupMembers,
  windowsByEntity,
} from '../database/GroupSummaryStore';
import { KpiStore, WindowSummaries } from '../database/KpiStore';
import { kpiViewOfSummaries } from './kpiView';

/** What the overview reads. */
export interface OverviewDeps {
  store: KpiStore;
  entities: EntityStore;
  groups: GroupSummaryStore;
  db: Knex;
  settings: CustomerKpisSettings;
  now: () => Date;
}

interface RowDraft {
  record: EntityRecord;
  entityCount: number;
  cells: Record<KpiId, OverviewCell>;
  cci: { value: number | null; delta: number | null };
}

/** The Customer-Centricity Index of a row and its change against the previous window. */
function indexWithDelta(
  current: Record<string, any>,
  previous: Record<string, any>,
  thresholds: Record<string, any>,
  weights: ReturnType<typeof resolveWeights>,
  settings: CustomerKpisSettings,
): RowDraft['cci'] {
  const options = { minimumSample: settings.minimumSample };
  const value = customerCentricityIndex(
    current,
    thresholds,
    weights,
    options,
  ).value;
  const before = customerCentricityIndex(
    previous,
    thresholds,
    weights,
    options,
  ).value;
  return {
    value,
    delta: value !== null && before !== null ? value - before : null,
  };
}

/** The summary of no data, per KPI (rows of entities without data in a window). */
const EMPTY_SUMMARIES = Object.fromEntries(
  KPI_IDS.map(kpi => [
    kpi,
    aggregatorFor(kpi).summarise(aggregatorFor(kpi).empty()),
  ]),
) as Record<KpiId, KpiSummary>;

/** The row of one entity from its stored summaries: its own KPIs and index. */
function entityRow(
  record: EntityRecord,
  summaries: Map<KpiId, WindowSummaries> | undefined,
  settings: CustomerKpisSettings,
): RowDraft {
  const context = {
    targets: settings.targets,
    minimumSample: settings.minimumSample,
  };
  const cells = {} as Record<KpiId, OverviewCell>;
  const current: Record<string, any> = {};
  const previous: Record<string, any> = {};
  const thresholds: Record<string, any> = {};
  for (const kpi of KPI_IDS) {
    const s = summaries?.get(kpi);
    const view = kpiViewOfSummaries(
      kpi,
      s?.current ?? EMPTY_SUMMARIES[kpi],
      s?.previous ?? EMPTY_SUMMARIES[kpi],
      resolveThresholds({
        kpi,
        config: settings.targets,
        annotations: record.annotations,
      }),
      context,
    );
    cells[kpi] = {
      value: view.summary.value,
      n: view.summary.n,
      unweightedMean: view.summary.value,
      status: view.status,
      delta: view.comparison.delta,
      significant: view.comparison.significant,
      change: view.comparison.change,
    };
    current[kpi] = view.summary;
    previous[kpi] = view.previous;
    thresholds[kpi] = view.thresholds;
  }
  const weights = resolveWeights({
    config: settings.weights,
    domain: record.domain ?? undefined,
    system: record.system ?? undefined,
    component: record.entityRef,
  });
  return {
    record,
    entityCount: 1,
    cells,
    cci: indexWithDelta(current, previous, thresholds, weights, settings),
  };
}

/**
 * The rows of the entities `refs`, in that order, from their records and their stored summaries of the window; the
 * records may still be on their way, so that both are read at once.
 */
async function entityRows(
  store: KpiStore,
  refs: readonly string[],
  records: readonly EntityRecord[] | Promise<readonly EntityRecord[]>,
  windowDays: number,
  settings: CustomerKpisSettings,
): Promise<RowDraft[]> {
  const [known, summaries] = await Promise.all([
    records,
    store.readSummariesOfEntities(refs, windowDays),
  ]);
  const byRef = new Map(known.map(r => [r.entityRef, r]));
  const byEntity = windowsByEntity(summaries);
  return refs.map(ref =>
    entityRow(byRef.get(ref)!, byEntity.get(ref), settings),
  );
}

/** The row of a group from the rollups of its members: pooled KPIs, each KPI's unweighted mean, the index. */
function groupRow(
  record: EntityRecord,
  entityCount: number,
  rollups: GroupRollups,
  settings: CustomerKpisSettings,
  warnings: Set<string>,
): RowDraft {
  const cells = {} as Record<KpiId, OverviewCell>;
  const current: Record<string, any> = {};
  const previous: Record<string, any> = {};
  const thresholds: Record<string, any> = {};
  for (const kpi of KPI_IDS) {
    const { current: now, previous: before } = rollups[kpi];
    const groupThresholds = resolveThresholds({
      kpi,
      config: settings.targets,
      annotations: record.annotations,
    });
    now.warnings.forEach(w => warnings.add(w));
    const comparison = compareSummaries(before, now.pooled, {
      minimumSample: settings.minimumSample,
    });
    cells[kpi] = {
      value: now.pooled.value,
      n: now.pooled.n,
      unweightedMean: now.unweightedMean,
      status: kpiStatus(now.pooled, groupThresholds, {
        minimumSample: settings.minimumSample,
      }),
      delta: comparison.delta,
      significant: comparison.significant,
      change: comparison.change,
    };
    current[kpi] = now.pooled;
    previous[kpi] = before;
    thresholds[kpi] = groupThresholds;
  }
  const weights = resolveWeights({
    config: settings.weights,
    domain:
      record.kind === 'domain' ? record.entityRef : record.domain ?? undefined,
    system: record.kind === 'system' ? record.entityRef : undefined,
  });
  return {
    record,
    entityCount,
    cells,
    cci: indexWithDelta(current, previous, thresholds, weights, settings),
  };
}

/** The members of each group that the caller may see; groups without any are left out. */
function visibleMembers(
  groups: ReadonlyMap<string, readonly string[]>,
  visible: ReadonlySet<string>,
): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const [ref, members] of groups) {
    const seen = members.filter(member => visible.has(member));
    if (seen.length > 0) result.set(ref, seen);
  }
  return result;
}

/**
 * The rollups of the groups of the chosen members (those matching the filters that the caller may see). A group
 * whose chosen members are all its components reads its stored summaries; any other group (some members hidden
 * or filtered out, or another kind than components) is rolled up from the chosen members' window summaries.
 */
async function rollupsOfGroups(
  deps: OverviewDeps,
  column: GroupColumn,
  windowDays: number,
  chosen: ReadonlyMap<string, readonly string[]>,
  whole: ReadonlyMap<string, readonly string[]>,
): Promise<Map<string, GroupRollups>> {
  const complete = new Map<string, readonly string[]>();
  const partial: [string, readonly string[]][] = [];
  for (const [ref, members] of chosen) {
    // The chosen members are a subset of the group's components: the same count means the same set.
    const all = whole.get(ref);
    if (all && all.length === members.length) complete.set(ref, all);
    else partial.push([ref, members]);
  }
  const result = await deps.groups.read(column, windowDays, complete);
  if (partial.length > 0) {
    const windows = windowsByEntity(
      await deps.store.readWindowsOfEntities(
        partial.flatMap(([, members]) => members),
        windowDays,
      ),
    );
    for (const [ref, members] of partial) {
      result.set(ref, rollupMembers(members.map(m => windows.get(m))));
    }
  }
  return result;
}

function toRow(draft: RowDraft): OverviewRow {
  const { record } = draft;
  return {
    ref: record.entityRef,
    title: record.title ?? record.name,
    kind: record.kind,
    owner: record.owner,
    system: record.system,
    domain: record.domain,
    lifecycle: record.lifecycle,
    entityCount: draft.entityCount,
    kpis: draft.cells,
    cci: draft.cci,
  };
}

function sortValue(
  draft: RowDraft,
  sort: OverviewQuery['sort'],
): number | string | null {
  if (sort === 'title')
    return (draft.record.title ?? draft.record.name).toLocaleLowerCase('en-US');
  if (sort === 'cci') return draft.cci.value;
  return draft.cells[sort].value;
}

/** Sorts drafts; rows without a value go last whatever the order, ties by ref. */
function sortDrafts(
  drafts: RowDraft[],
  sort: OverviewQuery['sort'],
  order: OverviewQuery['order'],
) {
  const sign = order === 'desc' ? -1 : 1;
  return drafts.sort((a, b) => {
    const va = sortValue(a, sort);
    const vb = sortValue(b, sort);
    if (va === null && vb !== null) return 1;
    if (vb === null && va !== null) return -1;
    if (va !== null && vb !== null && va !== vb)
      return (va < vb ? -1 : 1) * sign;
    return a.record.entityRef < b.record.entityRef ? -1 : 1;
  });
}

function groupRecord(
  ref: string,
  kind: string,
  known: Map<string, EntityRecord>,
): EntityRecord {
  const record = known.get(ref);
  if (record) return record;
  const [, namespace = 'default', name = ref] =
    /^[^:]+:([^/]+)\/(.+)$/.exec(ref) ?? [];
  return {
    entityRef: ref,
    kind,
    namespace,
    name,
    title: null,
    owner: null,
    system: null,
    domain: null,
    lifecycle: null,
    tags: [],
    annotations: {},
  };
}

/** Builds the overview for entities the caller may see (`visible`, lower-case refs). */
export async function buildOverview(
  deps: OverviewDeps,
  query: OverviewQuery,
  visible: ReadonlySet<string>,
): Promise<OverviewResponse> {
  const { store, entities, db, settings } = deps;
  // Sorting and paging read the summary columns: bring the rows of a past day and those ingest marked up to date.
  await store.rollWindowsForward();
  await store.refreshSummaries();
  const today = utcDay(deps.now());
  const from = addDaysToDay(today, -(query.window - 1));
  const previousTo = addDaysToDay(from, -1);
  const filter = {
    kinds: [query.kind ?? 'component'],
    owner: query.owner,
    system: query.system,
    domain: query.domain,
    lifecycle: query.lifecycle,
    tag: query.tag,
    q: query.groupBy === 'component' ? query.q : undefined,
    refs: [...visible],
  };
  const offset = (query.page - 1) * query.pageSize;
  const warnings = new Set<string>();
  let total: number;
  let drafts: RowDraft[];

  if (query.groupBy === 'component' && query.sort !== 'cci') {
    // Filter, sort and page in the database; read the window rows of one page only.
    const base = entities.query(filter);
    // The total comes with the page (a window count), so the filtered entities are scanned once.
    // Only the refs are sorted (narrow rows); the page's metadata and summaries are read by ref afterwards.
    const pageQuery = base
      .clone()
      .select('e.entity_ref', db.raw('count(*) over () as overview_total'));
    if (query.sort === 'title') {
      pageQuery.orderByRaw(`lower(coalesce(e.title, e.name)) ${query.order}`);
    } else {
      pageQuery
        .leftJoin('customer_kpis_window_summaries as s', join =>
          join
            .on('s.entity_ref', '=', 'e.entity_ref')
            .andOn('s.kpi', '=', db.raw('?', [query.sort]))
            .andOn('s.window_days', '=', db.raw('?', [query.window])),
        )
        .orderByRaw(
          `case when s.value is null then 1 else 0 end, s.value ${query.order}`,
        );
    }
    pageQuery.orderBy('e.entity_ref').limit(query.pageSize).offset(offset);
    const rows = await pageQuery;
    total = rows.length
      ? Number(rows[0].overview_total)
      : Number((await base.clone().count({ n: '*' }))[0].n);
    const refs: string[] = rows.map(
      (row: { entity_ref: string }) => row.entity_ref,
    );
    drafts = await entityRows(
      store,
      refs,
      entities.getMany(refs),
      query.window,
      settings,
    );
  } else {
    if (query.groupBy === 'component') {
      const records = await entities.list(filter);
      drafts = await entityRows(
        store,
        records.map(r => r.entityRef),
        records,
        query.window,
        settings,
      );
    } else {
      const column = query.groupBy;
      const components = filter.kinds[0] === 'component';
      const whole = components
        ? await entities.listGroupMembers(column)
        : new Map<string, string[]>();
      const memberFilter =
        filter.owner ||
        filter.system ||
        filter.domain ||
        filter.lifecycle ||
        filter.tag;
      // Without a member filter the chosen members are the components the caller may see: no second query.
      const groups =
        components && !memberFilter
          ? visibleMembers(whole, visible)
          : await entities.listGroupMembers(column, filter);
      const [known, rollups] = await Promise.all([
        entities.getMany([...groups.keys()]),
        rollupsOfGroups(deps, column, query.window, groups, whole),
      ]);
      const records = new Map(known.map(r => [r.entityRef, r]));
      const kind = column === 'owner' ? 'group' : column;
      drafts = [...groups.entries()]
        .map(([ref, list]) =>
          groupRow(
            groupRecord(ref, kind, records),
            list.length,
            rollups.get(ref)!,
            settings,
            warnings,
          ),
        )
        .filter(
          d =>
            !query.q ||
            `${d.record.name} ${d.record.title ?? ''}`
              .toLowerCase()
              .includes(query.q.toLowerCase()),
        );
    }
    total = drafts.length;
    drafts = sortDrafts(drafts, query.sort, query.order).slice(
      offset,
      offset + query.pageSize,
    );
  }

  return {
    groupBy: query.groupBy,
    window: { from, to: today, days: query.window },
    previousWindow: {
      from: addDaysToDay(previousTo, -(query.window - 1)),
      to: previousTo,
      days: query.window,
    },
    total,
    page: query.page,
    pageSize: query.pageSize,
    rows: drafts.map(toRow),
    warnings: [...warnings],
  };
}
