// The rows of `GET /overview`: one builder for an entity's row and a group's row, and their order.
import {
  KPI_IDS,
  KpiComparison,
  KpiId,
  KpiSummary,
  OverviewCell,
  OverviewQuery,
  OverviewRow,
  Thresholds,
  aggregatorFor,
  compareSummaries,
  customerCentricityIndex,
  kpiDefinitions,
  kpiStatus,
  resolveThresholds,
  resolveWeights,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { CustomerKpisSettings } from '../config';
import { EntityRecord, EntityStore } from '../database/EntityStore';
import { GroupRollups } from '../database/GroupSummaryStore';
import { WindowSummaries } from '../database/KpiStore';
import { scopeOfRecord } from './kpiView';

/** A row before it is sorted and paged: the record it describes, its cells and its index. */
export interface RowDraft {
  record: EntityRecord;
  entityCount: number;
  cells: Record<KpiId, OverviewCell>;
  cci: { value: number | null; delta: number | null };
}

/** One KPI of a row: the window's summary, the window before, and the unweighted mean over the row's entities. */
interface RowKpi {
  current: KpiSummary;
  previous: KpiSummary;
  unweightedMean: number | null;
}

/** The summary of no data, per KPI (rows of entities without data in a window). */
const EMPTY_SUMMARIES = Object.fromEntries(
  KPI_IDS.map(kpi => [
    kpi,
    aggregatorFor(kpi).summarise(aggregatorFor(kpi).empty()),
  ]),
) as Record<KpiId, KpiSummary>;

/**
 * Why a change is 'insufficient-data', in the terms of the answer. The order is the comparison's own: a missing
 * value first (in the window, then the window before), then the minimum sample, then a test that could not run.
 */
export function changeReasonOf(
  before: KpiSummary,
  now: KpiSummary,
  comparison: KpiComparison,
  minimumSample: number,
): OverviewCell['changeReason'] {
  if (comparison.change !== 'insufficient-data') return undefined;
  if (now.value === null) return 'no-data';
  if (before.value === null) return 'no-previous-data';
  if (
    kpiDefinitions[now.kpi].minimumSampleApplies &&
    (before.n < minimumSample || now.n < minimumSample)
  )
    return 'small-sample';
  return 'no-test';
}

/**
 * A row from its KPIs: each cell's status against the thresholds in force for the record (a group's own settings
 * chain: a system's entry over its domain's), its change against the window before, and the Customer-Centricity
 * Index of the row with its change.
 */
function rowDraft(
  record: EntityRecord,
  entityCount: number,
  kpis: Record<KpiId, RowKpi>,
  settings: CustomerKpisSettings,
): RowDraft {
  const scope = scopeOfRecord(record);
  const weights = resolveWeights({ config: settings.weights, ...scope });
  const options = { minimumSample: settings.minimumSample };
  const cells = {} as Record<KpiId, OverviewCell>;
  const current: Partial<Record<KpiId, KpiSummary>> = {};
  const previous: Partial<Record<KpiId, KpiSummary>> = {};
  const thresholds: Partial<Record<KpiId, Thresholds>> = {};
  for (const kpi of KPI_IDS) {
    const { current: now, previous: before, unweightedMean } = kpis[kpi];
    const resolved = resolveThresholds({
      kpi,
      config: settings.targets,
      ...scope,
    });
    const comparison = compareSummaries(before, now, options);
    const changeReason = changeReasonOf(
      before,
      now,
      comparison,
      settings.minimumSample,
    );
    cells[kpi] = {
      value: now.value,
      n: now.n,
      unweightedMean,
      status: kpiStatus(now, resolved, options),
      delta: comparison.delta,
      significant: comparison.significant,
      change: comparison.change,
      ...(changeReason && { changeReason }),
      ...(now.interval && {
        interval: { low: now.interval.low, high: now.interval.high },
      }),
      ...(now.kpi === 'customer-effort' &&
        now.value !== null && { scale: now.secondary.scale }),
    };
    current[kpi] = now;
    previous[kpi] = before;
    thresholds[kpi] = resolved;
  }
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
    record,
    entityCount,
    cells,
    cci: {
      value,
      delta: value !== null && before !== null ? value - before : null,
    },
  };
}

/** The row of one entity from its stored summaries (none: no data in either window). */
export function entityRow(
  record: EntityRecord,
  summaries: ReadonlyMap<KpiId, WindowSummaries> | undefined,
  settings: CustomerKpisSettings,
): RowDraft {
  const kpis = {} as Record<KpiId, RowKpi>;
  for (const kpi of KPI_IDS) {
    const s = summaries?.get(kpi);
    const current = s?.current ?? EMPTY_SUMMARIES[kpi];
    kpis[kpi] = {
      current,
      previous: s?.previous ?? EMPTY_SUMMARIES[kpi],
      unweightedMean: current.value,
    };
  }
  return rowDraft(record, 1, kpis, settings);
}

/** The row of a group from the rollups of its members: pooled KPIs, each KPI's unweighted mean, the index. */
export function groupRow(
  record: EntityRecord,
  entityCount: number,
  rollups: GroupRollups,
  settings: CustomerKpisSettings,
): RowDraft {
  const kpis = {} as Record<KpiId, RowKpi>;
  for (const kpi of KPI_IDS) {
    const { current, previous } = rollups[kpi];
    kpis[kpi] = {
      current: current.pooled,
      previous,
      unweightedMean: current.unweightedMean,
    };
  }
  return rowDraft(record, entityCount, kpis, settings);
}

/** The titles (else names) of the rows' owners, systems and domains that the caller may read, by ref. */
export async function relatedTitles(
  entities: Pick<EntityStore, 'getMany'>,
  drafts: readonly RowDraft[],
  visible: ReadonlySet<string>,
): Promise<Map<string, string>> {
  const refs = new Set<string>();
  for (const { record } of drafts) {
    for (const ref of [record.owner, record.system, record.domain]) {
      if (ref && visible.has(ref)) refs.add(ref);
    }
  }
  if (refs.size === 0) return new Map();
  const records = await entities.getMany([...refs]);
  return new Map(records.map(r => [r.entityRef, r.title ?? r.name]));
}

/** The row as the API answers it, with the titles of its owner, system and domain from `titles`. */
export function toRow(
  draft: RowDraft,
  titles: ReadonlyMap<string, string> = new Map(),
): OverviewRow {
  const { record } = draft;
  const titleOf = (ref: string | null) =>
    ref === null ? null : titles.get(ref) ?? null;
  return {
    ref: record.entityRef,
    title: record.title ?? record.name,
    kind: record.kind,
    owner: record.owner,
    system: record.system,
    domain: record.domain,
    ownerTitle: titleOf(record.owner),
    systemTitle: titleOf(record.system),
    domainTitle: titleOf(record.domain),
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

/** Sorts drafts in place; rows without a value go last whatever the order, ties by ref. */
export function sortDrafts(
  drafts: RowDraft[],
  sort: OverviewQuery['sort'],
  order: OverviewQuery['order'],
): RowDraft[] {
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
