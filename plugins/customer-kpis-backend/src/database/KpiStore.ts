// The boundary of the KPI store: what the API and the source runner need, whatever database sits behind it.
import {
  KpiId,
  KpiSummary,
  Observation,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { Knex } from 'knex';
import { GroupColumn } from './tables';

/**
 * What one ingest did with the distinct ids of its batch. A retraction of an id that is not stored is a no-op and
 * counts as `unchanged`, like an observation sent again unchanged.
 */
export interface IngestCounts {
  inserted: number;
  unchanged: number;
  replaced: number;
  /** Stored observations removed by the batch's retractions. */
  retracted: number;
}

/** Options of {@link KpiStore.ingest}. */
export interface IngestOptions {
  /**
   * Ids of the source's observations to retract in the same transaction: each stored one is un-merged from every
   * aggregate and its raw row deleted; an id not stored is a no-op. An id may not also be among the observations.
   */
  retractions?: readonly string[];
  /**
   * Runs inside the ingest's transaction after the observations are written, so that a source run stores its
   * cursor atomically with the page it read: a crash leaves both or neither.
   */
  withinTransaction?: (trx: Knex.Transaction) => Promise<void>;
}

/** The aggregates of one KPI of one entity over a window and the window before it. */
export interface WindowAggregates {
  entityRef: string;
  kpi: KpiId;
  windowDays: number;
  /** The last day of the window, YYYY-MM-DD. */
  asOf: string;
  /** The window's aggregate, or its window part where the KPI has one (to summarise and merge, never to remove from). */
  current: unknown;
  previous: unknown;
  /** Sources with data in either window. */
  sources: string[];
  /** When data for this entity and KPI last arrived, ISO time. */
  lastDataAt: string | null;
  /**
   * The stored summary of `current`, when asked for and known to be current (the entity has no change mark
   * pending and its row is of today): rollups take it instead of summarising the aggregate again.
   */
  currentSummary?: KpiSummary;
}

/** The engine's summaries of one KPI of one entity over a window (today included) and the window before it. */
export interface WindowSummaries {
  entityRef: string;
  kpi: KpiId;
  windowDays: number;
  current: KpiSummary;
  previous: KpiSummary;
}

/** The aggregate of one KPI of one entity on one day, merged across sources. */
export interface DayAggregate {
  day: string;
  aggregate: unknown;
}

/** Whether and when an entity's KPI got data. */
export interface DataPresence {
  entityRef: string;
  kpi: KpiId;
  lastDataAt: string | null;
  sources: string[];
}

/**
 * The KPI store: idempotent ingest, daily buckets, window aggregates and their change marks. Its reads never
 * write; the upkeep (summary refresh, roll-over, retention) runs from the scheduled tasks, and a reader calls
 * {@link KpiStore.refreshSummariesWithin} first (bounded in time; it says what it left pending).
 */
export interface KpiStore {
  /**
   * Stores a batch atomically for one source: an observation already stored with the same payload is unchanged,
   * one with a different payload replaces the old (its old contribution is un-merged), others are inserted; a
   * retracted id that is stored is un-merged and its raw row deleted. Daily buckets, the closed days of the window
   * summaries and the change marks are updated in the same transaction; today's data touches only its buckets
   * (unless a removal empties a source's bucket: then the pair's window rows are rebuilt so that their sources
   * stay exact). Throws, storing nothing, when an id is both observed and retracted.
   */
  ingest(
    source: string,
    observations: readonly Observation[],
    options?: IngestOptions,
  ): Promise<IngestCounts>;

  /**
   * Stores several batches of one source in ONE transaction, one after the other, as {@link KpiStore.ingest} would
   * each (a CSV import larger than a push batch): all or nothing. The counts are the sums of the batches';
   * `withinTransaction` runs once, after the last batch.
   */
  ingestChunks(
    source: string,
    chunks: Iterable<readonly Observation[]>,
    options?: Pick<IngestOptions, 'withinTransaction'>,
  ): Promise<IngestCounts>;

  /**
   * The window aggregates of an entity's KPIs for a window ending today, today's data included (standard windows
   * are read, others computed from the buckets; so is a standard window the roll-over has not reached yet).
   */
  readWindows(
    entityRef: string,
    windowDays: number,
    kpis?: readonly KpiId[],
  ): Promise<WindowAggregates[]>;

  /**
   * The stored summaries of many entities for one standard window (the overview's rows). They are as current as
   * the last refresh: readers call {@link KpiStore.refreshSummariesWithin} first and say what it left pending;
   * callers that need them exact whatever it costs call {@link KpiStore.bringSummariesUpToDate}.
   */
  readSummariesOfEntities(
    entityRefs: readonly string[],
    windowDays: number,
  ): Promise<WindowSummaries[]>;

  /**
   * Brings the summary columns (value, n, summaries, sources) of every pair marked by ingest up to date with its
   * aggregates and today's buckets. Returns the number of pairs.
   */
  refreshSummaries(): Promise<number>;

  /**
   * What a reader calls before it reads summaries: refreshes marked pairs for at most about `budgetMs` (chunks
   * of entities; the first always runs; rebuilds from buckets and the roll-over are left to the scheduled upkeep)
   * and says how many entities are still marked, so that the answer can say its values may leave data out.
   */
  refreshSummariesWithin(
    budgetMs: number,
  ): Promise<{ refreshed: number; pendingEntities: number }>;

  /**
   * For a caller that must see every stored observation in the summaries whatever it costs (tests, tools; the
   * overview uses {@link KpiStore.refreshSummariesWithin} instead): rolls the windows over if the day changed
   * (looking at most once a minute) and refreshes every marked pair. A no-op query when nothing is marked.
   * Returns the number of pairs refreshed.
   */
  bringSummariesUpToDate(): Promise<number>;

  /**
   * The groups of a column that ingest marked as changed since their rollups were computed (of `groupRefs` only,
   * if given), with the version of each mark as it is now.
   */
  readGroupMarks(
    column: GroupColumn,
    groupRefs?: readonly string[],
  ): Promise<Map<string, number>>;

  /** Deletes the group marks whose version is still the one read (a mark bumped meanwhile stays). */
  clearGroupMarks(
    column: GroupColumn,
    seen: ReadonlyMap<string, number>,
  ): Promise<void>;

  /**
   * The window aggregates of many entities for one standard window, for rollups; with `withSummaries`, each with
   * its stored summary where that is current.
   */
  readWindowsOfEntities(
    entityRefs: readonly string[],
    windowDays: number,
    options?: { withSummaries?: boolean },
  ): Promise<WindowAggregates[]>;

  /** Daily aggregates of one KPI of one entity over an inclusive day range, merged across sources, ascending. */
  readDays(
    entityRef: string,
    kpi: KpiId,
    from: string,
    to: string,
  ): Promise<DayAggregate[]>;

  /**
   * Daily aggregates of one KPI of several entities over an inclusive day range, each day merged across sources
   * and entities (a system's or domain's series pools its members this way), ascending.
   */
  readDaysOfEntities(
    entityRefs: readonly string[],
    kpi: KpiId,
    from: string,
    to: string,
  ): Promise<DayAggregate[]>;

  /** Brings every window summary whose last day is before today up to today (the daily roll-over); looks at most once a minute within a day. */
  rollWindowsForward(): Promise<number>;

  /**
   * Rebuilds the window summaries of every (entity, KPI) pair that has daily buckets, from the buckets (after a
   * restore or a bulk load of buckets), and marks every group changed. Returns the number of pairs.
   */
  rebuildAllWindows(): Promise<number>;

  /** Deletes raw observations received before `before` (ISO time); buckets and summaries stay. */
  deleteObservationsReceivedBefore(before: string): Promise<number>;

  /** Deletes every trace (observations, buckets, summaries) of the given entities. */
  deleteEntityData(entityRefs: readonly string[]): Promise<void>;

  /**
   * For every (entity, KPI) with data: when data last arrived and from which sources (the coverage matrix),
   * today's data included. A source whose last observation of a pair was retracted is no longer listed for it, and
   * a pair left without any bucket is not listed at all.
   */
  listDataPresence(): Promise<DataPresence[]>;

  /** Entity refs that have data. */
  listEntityRefsWithData(): Promise<string[]>;
}
