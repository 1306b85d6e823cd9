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
  mergeAll,
  rollup,
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

/** Groups per recomputation step, so that a refresh of every group never holds all members' aggregates at once. */
const REFRESH_CHUNK = 50;
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
    const windowDays = Math.max(...STANDARD_WINDOW_DAYS);
    const rows = await this.readRows(column, windowDays, [...members.keys()]);
    const stale = await this.staleGroups(column, members, rows);
    await this.refresh(
      column,
      new Map(stale.map(ref => [ref, members.get(ref)!])),
    );
    return stale.length;
  }

  /** Recomputes every out-of-date group of every column and forgets groups without members; returns how many. */
  async refreshStale(): Promise<number> {
    let refreshed = 0;
    for (const column of GROUP_COLUMNS) {
      const members = await this.entities.listGroupMembers(column);
      refreshed += await this.bringUpToDate(column, members);
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
    return refreshed;
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

  /** Recomputes and stores the summaries of the groups (every standard window) from their members' windows. */
  private async refresh(
    column: GroupColumn,
    members: ReadonlyMap<string, readonly string[]>,
  ): Promise<void> {
    const now = this.now();
    const computedAt = now.toISOString();
    const today = utcDay(now);
    for (const batch of chunks([...members.entries()], REFRESH_CHUNK)) {
      // The change marks as they are before the members are read: a mark bumped later stays.
      const seen = await this.store.readGroupMarks(
        column,
        batch.map(([ref]) => ref),
      );
      const memberRefs = [...new Set(batch.flatMap(([, refs]) => refs))];
      const writes: Record<string, unknown>[] = [];
      for (const windowDays of STANDARD_WINDOW_DAYS) {
        const windows = windowsByEntity(
          await this.store.readWindowsOfEntities(memberRefs, windowDays),
        );
        for (const [groupRef, refs] of batch) {
          const rollups = rollupMembers(refs.map(ref => windows.get(ref)));
          const hash = membersHash(refs);
          for (const kpi of KPI_IDS) {
            writes.push({
              group_by: column,
              group_ref: groupRef,
              kpi,
              window_days: windowDays,
              as_of: today,
              members_hash: hash,
              members: refs.length,
              value: rollups[kpi].current.pooled.value,
              n: rollups[kpi].current.pooled.n,
              rollup: JSON.stringify(rollups[kpi]),
              computed_at: computedAt,
            });
          }
        }
      }
      await this.db.transaction(async trx => {
        for (const rows of chunks(writes, 200)) {
          await trx(GROUP_SUMMARIES)
            .insert(rows)
            .onConflict(['group_by', 'group_ref', 'kpi', 'window_days'])
            .merge();
        }
      });
      // After the summaries are stored: a crash in between leaves the marks, and the groups are recomputed again.
      await this.store.clearGroupMarks(column, seen);
    }
  }
}
