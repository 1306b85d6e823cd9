// The knex implementation of the KPI store, for SQLite and PostgreSQL: it wires the operations of
// `operations/<area>/` (ingest, buckets, windows, summaries and change marks, roll-over, retention) to the
// store's interface and holds the clock.
import {
  KPI_IDS,
  KpiId,
  Observation,
  utcDay,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { Knex } from 'knex';
import {
  DataPresence,
  DayAggregate,
  IngestCounts,
  IngestOptions,
  KpiStore,
  WindowAggregates,
  WindowSummaries,
} from './KpiStore';
import { readDays, readDaysOfEntities } from './operations/buckets/readBuckets';
import { ingest } from './operations/ingest/ingest';
import { lockedTransaction } from './operations/lock';
import {
  deleteEntityData,
  deleteObservationsReceivedBefore,
} from './operations/retention/deleteData';
import { rollWindowsForward } from './operations/rollover/rollWindowsForward';
import {
  clearGroupMarks,
  countEntityMarks,
  readGroupMarks,
} from './operations/summaries/changeMarks';
import {
  listDataPresence,
  listEntityRefsWithData,
} from './operations/summaries/dataPresence';
import { refreshSummaries } from './operations/summaries/refreshSummaries';
import { rebuildAllWindows } from './operations/windows/rebuildWindows';
import {
  readSummariesOfEntities,
  readWindows,
  readWindowsOfEntities,
} from './operations/windows/readWindows';
import { GroupColumn } from './tables';

/** The sums of two batches' counts, whatever counts there are. */
function addCounts(a: IngestCounts, b: IngestCounts): IngestCounts {
  const sum = { ...a };
  for (const key of Object.keys(b) as (keyof IngestCounts)[])
    sum[key] = (a[key] ?? 0) + b[key];
  return sum;
}

/** Options of {@link KnexKpiStore}. */
export interface KnexKpiStoreOptions {
  /** The clock that decides "today" (UTC); tests pass a fixed one. */
  now?: () => Date;
}

/** How long a roll-over check holds within a day. */
const ROLL_CHECK_INTERVAL_MS = 60_000;

/** The KPI store on a knex database (SQLite or PostgreSQL). */
export class KnexKpiStore implements KpiStore {
  private readonly now: () => Date;
  /** When this process last looked for window rows of a past day (readers bring summaries up to date often). */
  private lastRollCheck?: { day: string; at: number };

  constructor(private readonly db: Knex, options: KnexKpiStoreOptions = {}) {
    this.now = options.now ?? (() => new Date());
  }

  private today(): string {
    return utcDay(this.now());
  }

  ingest(
    source: string,
    observations: readonly Observation[],
    options: IngestOptions = {},
  ): Promise<IngestCounts> {
    return ingest(this.db, source, observations, this.now(), options);
  }

  ingestChunks(
    source: string,
    chunks: Iterable<readonly Observation[]>,
    options: Pick<IngestOptions, 'withinTransaction'> = {},
  ): Promise<IngestCounts> {
    const now = this.now();
    return lockedTransaction(this.db, async trx => {
      let total: IngestCounts | undefined;
      // Each batch runs in a savepoint of this transaction (the lock is taken again by the same session).
      for (const chunk of chunks) {
        const counts = await ingest(trx, source, chunk, now);
        total = total ? addCounts(total, counts) : counts;
      }
      total ??= await ingest(trx, source, [], now);
      await options.withinTransaction?.(trx);
      return total;
    });
  }

  readWindows(
    entityRef: string,
    windowDays: number,
    kpis: readonly KpiId[] = KPI_IDS,
  ): Promise<WindowAggregates[]> {
    return readWindows(this.db, entityRef, windowDays, kpis, this.today());
  }

  readSummariesOfEntities(
    entityRefs: readonly string[],
    windowDays: number,
  ): Promise<WindowSummaries[]> {
    return readSummariesOfEntities(this.db, entityRefs, windowDays);
  }

  readWindowsOfEntities(
    entityRefs: readonly string[],
    windowDays: number,
    options: { withSummaries?: boolean } = {},
  ): Promise<WindowAggregates[]> {
    return readWindowsOfEntities(
      this.db,
      entityRefs,
      windowDays,
      this.today(),
      options,
    );
  }

  readDays(
    entityRef: string,
    kpi: KpiId,
    from: string,
    to: string,
  ): Promise<DayAggregate[]> {
    return readDays(this.db, entityRef, kpi, from, to);
  }

  readDaysOfEntities(
    entityRefs: readonly string[],
    kpi: KpiId,
    from: string,
    to: string,
  ): Promise<DayAggregate[]> {
    return readDaysOfEntities(this.db, entityRefs, kpi, from, to);
  }

  refreshSummaries(): Promise<number> {
    return refreshSummaries(this.db, this.today());
  }

  async refreshSummariesWithin(
    budgetMs: number,
  ): Promise<{ refreshed: number; pendingEntities: number }> {
    const refreshed = await refreshSummaries(this.db, this.today(), {
      until: performance.now() + budgetMs,
    });
    return { refreshed, pendingEntities: await countEntityMarks(this.db) };
  }

  async bringSummariesUpToDate(): Promise<number> {
    await this.rollWindowsForward();
    return this.refreshSummaries();
  }

  readGroupMarks(
    column: GroupColumn,
    groupRefs?: readonly string[],
  ): Promise<Map<string, number>> {
    return readGroupMarks(this.db, column, groupRefs);
  }

  clearGroupMarks(
    column: GroupColumn,
    seen: ReadonlyMap<string, number>,
  ): Promise<void> {
    return clearGroupMarks(this.db, column, seen);
  }

  async rollWindowsForward(): Promise<number> {
    const now = this.now();
    const today = utcDay(now);
    // Rows are written as of today, so within a day only a write racing midnight can leave a stale one: looking
    // once a minute is enough and spares every overview request a scan of the summaries.
    const last = this.lastRollCheck;
    if (last?.day === today && now.getTime() - last.at < ROLL_CHECK_INTERVAL_MS)
      return 0;
    this.lastRollCheck = { day: today, at: now.getTime() };
    return rollWindowsForward(this.db, today);
  }

  rebuildAllWindows(): Promise<number> {
    return rebuildAllWindows(this.db, this.today());
  }

  deleteObservationsReceivedBefore(before: string): Promise<number> {
    return deleteObservationsReceivedBefore(this.db, before);
  }

  deleteEntityData(entityRefs: readonly string[]): Promise<void> {
    return deleteEntityData(this.db, entityRefs);
  }

  listDataPresence(): Promise<DataPresence[]> {
    return listDataPresence(this.db);
  }

  listEntityRefsWithData(): Promise<string[]> {
    return listEntityRefsWithData(this.db);
  }
}
