// Group-level window summaries: the rollup of every KPI of a system, domain or owner over its components,
// materialised so that the grouped overview reads one row per group and KPI instead of merging the summaries of
// every member on every request.
import {
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
import { bulkUpsert, whereInList } from './bulk';

const GROUPS = 'customer_kpis_group_summaries';
const CHANGES = 'customer_kpis_group_changes';
const ENTITIES = 'customer_kpis_entities';

/** The entity columns the overview groups by. */
export const GROUP_COLUMNS = ['system', 'domain', 'owner'] as const;

/** An entity column the overview groups by. */
export type GroupColumn = (typeof GROUP_COLUMNS)[number];

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
    result[kpi] = {
      current: rollup(
        kpi,
        windows.map(w => (w?.current ?? aggregator.empty()) as any),
      ),
      previous: aggregator.summarise(
        mergeAll(
          kpi,
          windows.map(w => (w?.previous ?? aggregator.empty()) as any),
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

/**
 * Marks the groups of the given entities as changed; ingest calls it in its transaction, so a group's summaries
 * are recomputed before they are read again.
 */
export async function markGroupsOfEntitiesChanged(
  trx: Knex.Transaction,
  entityRefs: readonly string[],
): Promise<void> {
  const marks = new Map<string, Record<string, unknown>>();
  const rows = await trx(ENTITIES)
    .where(whereInList(trx, 'entity_ref', entityRefs))
    .distinct(...GROUP_COLUMNS);
  for (const row of rows) {
    for (const column of GROUP_COLUMNS) {
      if (!row[column]) continue;
      marks.set(`${column}|${row[column]}`, {
        group_by: column,
        group_ref: row[column],
        version: 1,
      });
    }
  }
  // A stable order keeps concurrent ingests from locking the same rows in opposite orders.
  await bulkUpsert(
    trx,
    CHANGES,
    [
      { name: 'group_by', type: 'text' },
      { name: 'group_ref', type: 'text' },
      { name: 'version', type: 'integer' },
    ],
    [...marks.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, row]) => row),
    ['group_by', 'group_ref'],
    `"version" = "${CHANGES}"."version" + 1`,
  );
}

interface GroupRow {
  group_ref: string;
  kpi: string;
  as_of: string;
  members_hash: string;
  rollup?: string;
}

/** The group summaries: read, refreshed when out of date, and refreshed in bulk by the scheduled upkeep. */
export class GroupSummaryStore {
  constructor(
    private readonly db: Knex,
    private readonly store: KpiStore,
    private readonly entities: EntityStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * The rollups of groups over a standard window, for the given complete member lists. Groups whose stored
   * summaries are missing, of an earlier day, of another member set or older than their members' data are
   * recomputed first.
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
    const stale = await this.staleGroups(column, members, rows);
    // The refresh hands back what it wrote, so recomputed groups are not read again.
    const result =
      stale.length > 0
        ? (
            await this.refresh(
              column,
              new Map(stale.map(ref => [ref, members.get(ref)!])),
            )
          ).get(windowDays)!
        : new Map<string, GroupRollups>();
    const recomputed = new Set(stale);
    for (const row of rows) {
      if (recomputed.has(row.group_ref)) continue;
      const rollups = result.get(row.group_ref) ?? ({} as GroupRollups);
      rollups[row.kpi as KpiId] = JSON.parse(row.rollup!);
      result.set(row.group_ref, rollups);
    }
    return result;
  }

  /** Recomputes every out-of-date group of every column and forgets groups without members; returns how many. */
  async refreshStale(): Promise<number> {
    let refreshed = 0;
    for (const column of GROUP_COLUMNS) {
      const members = await this.entities.listGroupMembers(column);
      const windowDays = Math.max(...STANDARD_WINDOW_DAYS);
      const rows = await this.readRows(column, windowDays, [...members.keys()]);
      const stale = await this.staleGroups(column, members, rows);
      await this.refresh(
        column,
        new Map(stale.map(ref => [ref, members.get(ref)!])),
      );
      refreshed += stale.length;
      const known = await this.db(GROUPS)
        .where({ group_by: column })
        .distinct('group_ref');
      const gone = known
        .map(r => r.group_ref as string)
        .filter(ref => !members.has(ref));
      for (const refs of chunks(gone, 500)) {
        await this.db(GROUPS)
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
    for (const refs of chunks(groupRefs, 500)) {
      rows.push(
        ...(await this.db(GROUPS)
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
    const changed = new Set(
      (
        await this.db(CHANGES).where({ group_by: column }).select('group_ref')
      ).map(r => r.group_ref as string),
    );
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
   * Recomputes the summaries of the groups (every standard window) from their members' window summaries, and
   * returns them by window length and group.
   */
  private async refresh(
    column: GroupColumn,
    members: ReadonlyMap<string, readonly string[]>,
  ): Promise<Map<number, Map<string, GroupRollups>>> {
    const computed = new Map<number, Map<string, GroupRollups>>(
      STANDARD_WINDOW_DAYS.map(w => [w, new Map()]),
    );
    const now = this.now();
    const computedAt = now.toISOString();
    const today = utcDay(now);
    // Groups in batches, so that a refresh of every group never holds all members' aggregates at once.
    for (const batch of chunks([...members.entries()], 50)) {
      // The change marks as they are before the members are read: a mark bumped later stays.
      const seen: [string, number][] = (
        await this.db(CHANGES)
          .where({ group_by: column })
          .whereIn(
            'group_ref',
            batch.map(([ref]) => ref),
          )
          .select('group_ref', 'version')
      ).map(r => [r.group_ref, Number(r.version)]);
      const memberRefs = [...new Set(batch.flatMap(([, refs]) => refs))];
      const writes: Record<string, unknown>[] = [];
      for (const windowDays of STANDARD_WINDOW_DAYS) {
        const windows = windowsByEntity(
          await this.store.readWindowsOfEntities(memberRefs, windowDays),
        );
        for (const [groupRef, refs] of batch) {
          const rollups = rollupMembers(refs.map(ref => windows.get(ref)));
          computed.get(windowDays)!.set(groupRef, rollups);
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
          await trx(GROUPS)
            .insert(rows)
            .onConflict(['group_by', 'group_ref', 'kpi', 'window_days'])
            .merge();
        }
        for (const marks of chunks(seen, 200)) {
          await trx(CHANGES)
            .where({ group_by: column })
            .whereIn(['group_ref', 'version'], marks)
            .delete();
        }
      });
    }
    return computed;
  }
}
