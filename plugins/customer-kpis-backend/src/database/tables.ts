// The KPI tables of the backend and the columns the set-based statements write: the one place they are spelt.
import { BulkColumn } from './bulk';

/** Validated observations as canonical JSON, by (source, observation id); the raw rows retention deletes. */
export const OBSERVATIONS = 'customer_kpis_observations';
/** The history: one aggregate per (entity, KPI, day, source) of a closed day. */
export const DAILY_BUCKETS = 'customer_kpis_daily_buckets';
/**
 * Buckets of the open day (today) and later, until the day closes and the roll-over moves them into
 * {@link DAILY_BUCKETS}. A bucket is in one of the two tables: a day before today in either (the move is late
 * after a pause), today or later only here.
 */
export const RECENT_BUCKETS = 'customer_kpis_recent_buckets';
/** Both bucket tables, the history first. */
export const BUCKET_TABLES = [DAILY_BUCKETS, RECENT_BUCKETS] as const;
/** One row per (entity, KPI, standard window): the closed days' aggregates and the summary columns. */
export const WINDOW_SUMMARIES = 'customer_kpis_window_summaries';
/** Entities whose summary columns may be behind their aggregates and today's buckets (a version ingest bumps). */
export const WINDOW_CHANGES = 'customer_kpis_window_changes';
/** The rollups of systems, domains and owners per KPI and standard window. */
export const GROUP_SUMMARIES = 'customer_kpis_group_summaries';
/** Groups whose members got data since their summaries were computed (a version ingest bumps). */
export const GROUP_CHANGES = 'customer_kpis_group_changes';
/** The catalog mirror: entity metadata the overview filters, groups and pages on. */
export const ENTITIES = 'customer_kpis_entities';
/** The mirror's facts per entity (kind, metadata, spec, ownership) that conditional read decisions are applied to. */
export const ENTITY_FACTS = 'customer_kpis_entity_facts';

const text = (name: string): BulkColumn => ({ name, type: 'text' });

export const OBSERVATION_COLUMNS: readonly BulkColumn[] = [
  text('source'),
  text('observation_id'),
  text('kpi'),
  text('entity_ref'),
  text('day'),
  text('payload'),
  { name: 'received_at', type: 'timestamptz' },
];

/** The key of a bucket of any source (a source's bucket adds `source`). */
export const BUCKET_KEY: readonly BulkColumn[] = [
  text('entity_ref'),
  text('kpi'),
  text('day'),
];

export const BUCKET_COLUMNS: readonly BulkColumn[] = [
  ...BUCKET_KEY,
  text('source'),
  { name: 'observations', type: 'integer' },
  text('aggregate'),
  { name: 'updated_at', type: 'timestamptz' },
];

/** The columns of a bucket as read (a `BucketRow`). */
export const BUCKET_ROW_COLUMNS = [
  'entity_ref',
  'kpi',
  'day',
  'source',
  'aggregate',
  'updated_at',
] as const;

/** An (entity, KPI) pair. */
export const PAIR_KEY: readonly BulkColumn[] = [
  text('entity_ref'),
  text('kpi'),
];

/** The key of a window row. */
export const WINDOW_KEY_NAMES = ['entity_ref', 'kpi', 'window_days'] as const;

/** The summary columns of a window row with its key: what a summary refresh writes. */
export const SUMMARY_COLUMNS: readonly BulkColumn[] = [
  ...PAIR_KEY,
  { name: 'window_days', type: 'integer' },
  { name: 'value', type: 'double precision' },
  { name: 'n', type: 'integer' },
  text('summary'),
  text('sources'),
  { name: 'last_data_at', type: 'timestamptz' },
];

/** Every column of a window row. */
export const WINDOW_COLUMNS: readonly BulkColumn[] = [
  ...SUMMARY_COLUMNS,
  text('as_of'),
  text('current_aggregate'),
  text('previous_aggregate'),
];

/** A row of {@link WINDOW_SUMMARIES}. */
export interface WindowRow {
  entity_ref: string;
  kpi: string;
  window_days: number;
  as_of: string;
  value: number | null;
  n: number;
  current_aggregate: string;
  previous_aggregate: string;
  /** JSON array of source ids. */
  sources: string;
  last_data_at: unknown;
  /** JSON `StoredSummaries`; null until the pair's first refresh. */
  summary: string | null;
}

/** An entity's change mark. */
export const ENTITY_MARK_COLUMNS: readonly BulkColumn[] = [
  text('entity_ref'),
  { name: 'version', type: 'bigint' },
];

/** A group's change mark. */
export const GROUP_MARK_COLUMNS: readonly BulkColumn[] = [
  text('group_by'),
  text('group_ref'),
  { name: 'version', type: 'integer' },
];

/** The entity columns the overview groups by. */
export const GROUP_COLUMNS = ['system', 'domain', 'owner'] as const;

/** An entity column the overview groups by. */
export type GroupColumn = (typeof GROUP_COLUMNS)[number];
