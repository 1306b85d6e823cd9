// Group-level window summaries: the rollup of every KPI of a system, domain or owner over its components,
// materialised so that the grouped overview reads one row per group and KPI instead of merging the summaries of
// every member on every request.
import {
  AggregateOf,
  KPI_IDS,
  KpiId,
  KpiRollup,
  KpiSummary,
  STANDARD_WINDOW_DAYS,
  aggregatorFor,
  RollupMember,
  mergeAll,
  rollup,
  rollupOfMembers,
  utcDay,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { createHash } from 'node:crypto';
import { Knex } from 'knex';
import { EntityStore } from './EntityStore';
import { KpiStore, WindowAggregates } from './KpiStore';
import { chunks } from './util';
import { GROUP_COLUMNS, GROUP_SUMMARIES, GroupColumn } from './tables';

export { GROUP_COLUMNS };
export type { GroupColumn };

/** One KPI of a group over a window: the rollup of the members' window and the pooled window before it. */
export interface GroupKpiRollup {
  current: KpiRollup;
  previous: KpiSummary;
}

/** Every KPI of a group over a window. */
export type GroupRollups = Record<KpiId, GroupKpiRollup>;

/** Per-entity, per-KPI records (window aggregates or stored summaries) by entity and KPI. */
export function windowsByEntity<W extends { entityRef: string; kpi: KpiId }>(
  windows: readonly W[],
): Map<string, Map<KpiId, W>> {
  const byEntity = new Map<string, Map<KpiId, W>>();
  for (const w of windows) {
    const map = byEntity.get(w.entityRef) ?? new Map<KpiId, W>();
    map.set(w.kpi, w);
    byEntity.set(w.entityRef, map);
  }
  return byEntity;
}

/**
 * Rolls up the window aggregates of a group's members (one map per member, undefined for a member without data)
 * with the engine's `rollup`: the pooled summary and the unweighted mean of the window, and the pooled summary of
 * the window before.
 */
export function rollupMembers(
  members: ReadonlyArray<Map<KpiId, WindowAggregates> | undefined>,
): GroupRollups {
  const result = {} as GroupRollups;
  for (const kpi of KPI_IDS) {
    const aggregator = aggregatorFor(kpi);
    const windows = members.map(m => m?.get(kpi));
    // The store's aggregates are untyped; each was built by this KPI's aggregator.
    const of = (aggregate: unknown) => aggregate as AggregateOf<KpiId>;
    result[kpi] = {
      current: rollup(
        kpi,
        windows.map(w => of(w?.current ?? aggregator.empty())),
      ),
      previous: aggregator.summarise(
        mergeAll(
          kpi,
          windows.map(w => of(w?.previous ?? aggregator.empty())),
        ),
      ),
    };
  }
  return result;
}

/** Identifies a member set: a group whose members changed has out-of-date summaries. */
export function membersHash(refs: readonly string[]): string {
  return createHash('sha1')
    .update([...refs].sort().join('\n'))
    .digest('hex');
}

interface GroupRow {
  group_ref: string;
  kpi: string;
  as_of: string;
  members_hash: string;
  rollup?: string;
}

/**
 * Group memberships per recomputation step (a component counts once per group of it): bounds the member summaries
 * a refresh holds, while a refresh of every group at the benchmark's size (15,000 memberships) is one step.
 */
const REFRESH_MEMBERS = 20_000;
/** Group memberships per step of a reader's bounded refresh (a larger group is a step of its own). */
const READER_STEP_MEMBERS = 100;
/** Components per read of their windows. */
const MEMBER_CHUNK = 500;

/** Consecutive runs of groups with at most `limit` members in all (a larger group alone). */
function chunksOfMembers<G extends { refs: readonly string[] }>(
  groups: readonly G[],
  limit: number,
): G[][] {
  const result: G[][] = [];
  let current: G[] = [];
  let size = 0;
  for (const group of groups) {
    if (current.length > 0 && size + group.refs.length > limit) {
      result.push(current);
      current = [];
      size = 0;
    }
    current.push(group);
    size += group.refs.length;
  }
  if (current.length > 0) result.push(current);
  return result;
}

/**
 * One group's rollup of one window being built from its members' windows as they are read: the pooled aggregates
 * merged as they come, and per member its current summary if known, else its aggregate. Members without data
 * count as empty, as in {@link rollupMembers}.
 */
class GroupAccumulator {
  private readonly kpis = new Map<
    KpiId,
    { current: unknown; previous: unknown; members: RollupMember[] }
  >();

  constructor(private readonly memberCount: number) {}

  add(window: WindowAggregates) {
    const aggregator = aggregatorFor(window.kpi);
    const entry = this.kpis.get(window.kpi) ?? {
      current: aggregator.empty(),
      previous: aggregator.empty(),
      members: [],
    };
    entry.current = aggregator.merge(entry.current, window.current);
    entry.previous = aggregator.merge(entry.previous, window.previous);
    // Time to resolve may need the aggregate again (a member whose own time basis is not the pooled one).
    const keep = !window.currentSummary || window.kpi === 'time-to-resolve';
    entry.members.push({
      summary: window.currentSummary,
      aggregate: keep ? (window.current as AggregateOf<KpiId>) : undefined,
    });
    this.kpis.set(window.kpi, entry);
  }

  rollups(): GroupRollups {
    const result = {} as GroupRollups;
    for (const kpi of KPI_IDS) {
      const aggregator = aggregatorFor(kpi);
      const entry = this.kpis.get(kpi) ?? {
        current: aggregator.empty(),
        previous: aggregator.empty(),
        members: [],
      };
      const empty = aggregator.empty() as AggregateOf<KpiId>;
      const members = [
        ...entry.members,
        ...Array.from(
          { length: this.memberCount - entry.members.length },
          () => ({ aggregate: empty }),
        ),
      ];
      result[kpi] = {
        current: rollupOfMembers(
          kpi,
          entry.current as AggregateOf<KpiId>,
          members,
        ),
        previous: aggregator.summarise(entry.previous),
      };
    }
    return result;
  }
}
/** Groups per read. */
const READ_CHUNK = 500;

/**
 * The group summaries. Reads never write: {@link GroupSummaryStore.bringUpToDate} is the explicit call a reader
 * makes first when it must see the latest data, and the scheduled upkeep calls {@link GroupSummaryStore.refreshStale}.
 * The change marks that say which groups got data belong to the KPI store, which ingest writes.
 */
export class GroupSummaryStore {
  constructor(
    private readonly db: Knex,
    private readonly store: KpiStore,
    private readonly entities: EntityStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * The rollups of groups over a standard window, for the given complete member lists, as stored by the last
   * refresh. A group without stored summaries is rolled up from its members' window summaries (and not stored).
   */
  async read(
    column: GroupColumn,
    windowDays: number,
    members: ReadonlyMap<string, readonly string[]>,
  ): Promise<Map<string, GroupRollups>> {
    const rows = await this.readRows(
      column,
      windowDays,
      [...members.keys()],
      true,
    );
    const result = new Map<string, GroupRollups>();
    for (const row of rows) {
      const rollups = result.get(row.group_ref) ?? ({} as GroupRollups);
      rollups[row.kpi as KpiId] = JSON.parse(row.rollup!);
      result.set(row.group_ref, rollups);
    }
    const missing = [...members].filter(
      ([ref]) => Object.keys(result.get(ref) ?? {}).length !== KPI_IDS.length,
    );
    for (const [ref, rollups] of await this.rollUp(missing, windowDays)) {
      result.set(ref, rollups);
    }
    return result;
  }

  /**
   * Rolls groups up from their members' window summaries, in memory and without storing anything: for groups
   * without stored summaries, and for member lists that are not a group's whole (some members hidden or filtered).
   */
  async rollUp(
    groups: ReadonlyArray<readonly [string, readonly string[]]>,
    windowDays: number,
  ): Promise<Map<string, GroupRollups>> {
    const result = new Map<string, GroupRollups>();
    if (groups.length === 0) return result;
    const windows = windowsByEntity(
      await this.store.readWindowsOfEntities(
        [...new Set(groups.flatMap(([, refs]) => refs))],
        windowDays,
      ),
    );
    for (const [ref, refs] of groups) {
      result.set(ref, rollupMembers(refs.map(m => windows.get(m))));
    }
    return result;
  }

  /**
   * Recomputes and stores the summaries of those of the groups (complete member lists) that are missing, of an
   * earlier day, of another member set or marked changed by ingest. Returns how many it recomputed.
   */
  async bringUpToDate(
    column: GroupColumn,
    members: ReadonlyMap<string, readonly string[]>,
  ): Promise<number> {
    const stale = await this.staleOf(column, members);
    await this.refresh(new Map([[column, stale]]));
    return stale.size;
  }

  /**
   * {@link GroupSummaryStore.bringUpToDate} for a reader: recomputes out-of-date groups in small steps for at most
   * about `budgetMs` (the first step always runs) and says how many it left, which are read as last stored.
   */
  async bringUpToDateWithin(
    column: GroupColumn,
    members: ReadonlyMap<string, readonly string[]>,
    budgetMs: number,
  ): Promise<{ refreshed: number; pending: number }> {
    const until = performance.now() + budgetMs;
    const stale = await this.staleOf(column, members);
    const refreshed = await this.refresh(new Map([[column, stale]]), {
      until,
      members: READER_STEP_MEMBERS,
    });
    return { refreshed, pending: stale.size - refreshed };
  }

  /** Recomputes every out-of-date group of every column and forgets groups without members; returns how many. */
  async refreshStale(): Promise<number> {
    const stale = new Map<GroupColumn, Map<string, readonly string[]>>();
    let refreshed = 0;
    for (const column of GROUP_COLUMNS) {
      const members = await this.entities.listGroupMembers(column);
      const staleOfColumn = await this.staleOf(column, members);
      stale.set(column, staleOfColumn);
      refreshed += staleOfColumn.size;
      const known = await this.db(GROUP_SUMMARIES)
        .where({ group_by: column })
        .distinct('group_ref');
      const gone = known
        .map(r => r.group_ref as string)
        .filter(ref => !members.has(ref));
      for (const refs of chunks(gone, READ_CHUNK)) {
        await this.db(GROUP_SUMMARIES)
          .where({ group_by: column })
          .whereIn('group_ref', refs)
          .delete();
      }
    }
    // All columns in one pass: a component is read once per window, not once per system, domain and owner.
    await this.refresh(stale);
    return refreshed;
  }

  /** Those of the groups (complete member lists) whose stored summaries are out of date, with their members. */
  private async staleOf(
    column: GroupColumn,
    members: ReadonlyMap<string, readonly string[]>,
  ): Promise<Map<string, readonly string[]>> {
    const windowDays = Math.max(...STANDARD_WINDOW_DAYS);
    const rows = await this.readRows(column, windowDays, [...members.keys()]);
    const stale = await this.staleGroups(column, members, rows);
    return new Map(stale.map(ref => [ref, members.get(ref)!]));
  }

  private async readRows(
    column: GroupColumn,
    windowDays: number,
    groupRefs: readonly string[],
    withRollup = false,
  ): Promise<GroupRow[]> {
    const columns = ['group_ref', 'kpi', 'as_of', 'members_hash'];
    if (withRollup) columns.push('rollup');
    const rows: GroupRow[] = [];
    for (const refs of chunks(groupRefs, READ_CHUNK)) {
      rows.push(
        ...(await this.db(GROUP_SUMMARIES)
          .where({ group_by: column, window_days: windowDays })
          .whereIn('group_ref', refs)
          .select(columns)),
      );
    }
    return rows;
  }

  private async staleGroups(
    column: GroupColumn,
    members: ReadonlyMap<string, readonly string[]>,
    rows: readonly GroupRow[],
  ): Promise<string[]> {
    const today = utcDay(this.now());
    const changed = await this.store.readGroupMarks(column);
    const rowsOf = new Map<string, GroupRow[]>();
    for (const row of rows) {
      const list = rowsOf.get(row.group_ref) ?? [];
      list.push(row);
      rowsOf.set(row.group_ref, list);
    }
    return [...members.entries()]
      .filter(([ref, refs]) => {
        const stored = rowsOf.get(ref);
        if (changed.has(ref) || stored?.length !== KPI_IDS.length) return true;
        const hash = membersHash(refs);
        return stored.some(
          row => row.as_of !== today || row.members_hash !== hash,
        );
      })
      .map(([ref]) => ref);
  }

  /**
   * Recomputes and stores the summaries of the groups (every standard window) from their members' windows. Set
   * by set: the members of up to {@link REFRESH_MEMBERS} groups' worth of components are read in chunks, each
   * component's window parsed once and merged into the pooled aggregates of every group it belongs to, and its
   * stored summary taken for the unweighted mean where it is current (so most components are not summarised).
   */
  private async refresh(
    stale: ReadonlyMap<GroupColumn, ReadonlyMap<string, readonly string[]>>,
    options: { until?: number; members?: number } = {},
  ): Promise<number> {
    const now = this.now();
    const computedAt = now.toISOString();
    const today = utcDay(now);
    const groups = [...stale].flatMap(([column, members]) =>
      [...members].map(([ref, refs]) => ({ column, ref, refs })),
    );
    let refreshed = 0;
    for (const batch of chunksOfMembers(
      groups,
      options.members ?? REFRESH_MEMBERS,
    )) {
      if (
        options.until !== undefined &&
        refreshed > 0 &&
        performance.now() >= options.until
      )
        break;
      // The change marks as they are before the members are read: a mark bumped later stays.
      const seen = new Map<GroupColumn, Map<string, number>>();
      for (const column of GROUP_COLUMNS) {
        const refs = batch.filter(g => g.column === column).map(g => g.ref);
        if (refs.length > 0)
          seen.set(column, await this.store.readGroupMarks(column, refs));
      }
      const groupsOf = new Map<string, GroupAccumulator[]>();
      const memberRefs: string[] = [];
      const writes: Record<string, unknown>[] = [];
      for (const windowDays of STANDARD_WINDOW_DAYS) {
        const accumulators = batch.map(group => {
          const accumulator = new GroupAccumulator(group.refs.length);
          for (const ref of group.refs) {
            let list = groupsOf.get(ref);
            if (!list) {
              list = [];
              groupsOf.set(ref, list);
              memberRefs.push(ref);
            }
            list.push(accumulator);
          }
          return accumulator;
        });
        for (const refs of chunks(memberRefs, MEMBER_CHUNK)) {
          const windows = await this.store.readWindowsOfEntities(
            refs,
            windowDays,
            { withSummaries: true },
          );
          for (const window of windows) {
            for (const accumulator of groupsOf.get(window.entityRef) ?? [])
              accumulator.add(window);
          }
        }
        batch.forEach((group, i) => {
          const rollups = accumulators[i].rollups();
          const hash = membersHash(group.refs);
          for (const kpi of KPI_IDS) {
            writes.push({
              group_by: group.column,
              group_ref: group.ref,
              kpi,
              window_days: windowDays,
              as_of: today,
              members_hash: hash,
              members: group.refs.length,
              value: rollups[kpi].current.pooled.value,
              n: rollups[kpi].current.pooled.n,
              rollup: JSON.stringify(rollups[kpi]),
              computed_at: computedAt,
            });
          }
        });
        groupsOf.clear();
        memberRefs.length = 0;
      }
      await this.db.transaction(async trx => {
        for (const rows of chunks(writes, 500)) {
          await trx(GROUP_SUMMARIES)
            .insert(rows)
            .onConflict(['group_by', 'group_ref', 'kpi', 'window_days'])
            .merge();
        }
      });
      // After the summaries are stored: a crash in between leaves the marks, and the groups are recomputed again.
      for (const [column, marks] of seen)
        await this.store.clearGroupMarks(column, marks);
      refreshed += batch.length;
    }
    return refreshed;
  }
}
