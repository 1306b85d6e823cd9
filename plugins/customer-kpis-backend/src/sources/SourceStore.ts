// Persistence of data sources registered through the API, their cursors and their runs.
import {
  JsonValue,
  SourceRedactor,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { Knex } from 'knex';
import { toIso } from '../database/util';

const SOURCES = 'customer_kpis_sources';
const CURSORS = 'customer_kpis_source_cursors';
const RUNS = 'customer_kpis_source_runs';

/** How often a source runs. */
export interface SourceSchedule {
  frequency:
    | { minutes?: number; hours?: number; days?: number }
    | { cron: string };
  timeout?: { minutes?: number; hours?: number };
  initialDelay?: { seconds?: number; minutes?: number };
}

/** A source instance, from config or registered through the API. */
export interface SourceDefinition {
  id: string;
  type: string;
  title?: string;
  config: Record<string, unknown>;
  schedule: SourceSchedule;
  origin: 'config' | 'api';
}

/** One run of one source. */
export interface SourceRun {
  id: number;
  sourceId: string;
  trigger: 'schedule' | 'manual' | 'webhook';
  status: 'running' | 'succeeded' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  pages: number;
  inserted: number;
  unchanged: number;
  replaced: number;
  /** Stored observations the run's pages retracted. */
  retracted: number;
  entities: number;
  error: string | null;
}

/** A row of the runs table as the drivers return it: ids and counts may be text (PostgreSQL bigint). */
interface SourceRunRow {
  id: number | string;
  source_id: string;
  trigger: SourceRun['trigger'];
  status: SourceRun['status'];
  started_at: Date | string;
  finished_at: Date | string | null;
  pages: number | string;
  inserted: number | string;
  unchanged: number | string;
  replaced: number | string;
  retracted: number | string;
  entities: number | string;
  error: string | null;
}

function toRun(row: SourceRunRow, redactor?: SourceRedactor): SourceRun {
  const startedAt = toIso(row.started_at)!;
  const finishedAt = toIso(row.finished_at);
  return {
    id: Number(row.id),
    sourceId: row.source_id,
    trigger: row.trigger,
    status: row.status,
    startedAt,
    finishedAt,
    durationMs: finishedAt
      ? Date.parse(finishedAt) - Date.parse(startedAt)
      : null,
    pages: Number(row.pages),
    inserted: Number(row.inserted),
    unchanged: Number(row.unchanged),
    replaced: Number(row.replaced),
    retracted: Number(row.retracted),
    entities: Number(row.entities),
    error:
      typeof row.error === 'string' && redactor
        ? redactor.redact(row.error)
        : row.error ?? null,
  };
}

/** The source tables. */
export class SourceStore {
  /**
   * @param options.redactor - run errors pass through it when they are written AND when they are read, so that an
   *   error stored before a secret was configured (or before this redaction existed) is cleaned on the way out.
   */
  constructor(
    private readonly db: Knex,
    private readonly options: { redactor?: SourceRedactor } = {},
  ) {}

  async listRegistered(): Promise<SourceDefinition[]> {
    const rows = await this.db(SOURCES).orderBy('id');
    return rows.map(row => ({
      id: row.id,
      type: row.type,
      ...(row.title ? { title: row.title } : {}),
      config: JSON.parse(row.config),
      schedule: JSON.parse(row.schedule),
      origin: 'api' as const,
    }));
  }

  async upsertRegistered(
    source: Omit<SourceDefinition, 'origin'>,
    nowIso: string,
  ): Promise<void> {
    await this.db(SOURCES)
      .insert({
        id: source.id,
        type: source.type,
        title: source.title ?? null,
        config: JSON.stringify(source.config),
        schedule: JSON.stringify(source.schedule),
        created_at: nowIso,
        updated_at: nowIso,
      })
      .onConflict('id')
      .merge(['type', 'title', 'config', 'schedule', 'updated_at']);
  }

  /** Deletes a registered source and its cursor; its runs stay as history. Returns whether it existed. */
  async deleteRegistered(id: string): Promise<boolean> {
    return this.db.transaction(async trx => {
      const deleted = await trx(SOURCES).where({ id }).delete();
      await trx(CURSORS).where({ source_id: id }).delete();
      return deleted > 0;
    });
  }

  async getCursor(sourceId: string): Promise<JsonValue | undefined> {
    const row = await this.db(CURSORS).where({ source_id: sourceId }).first();
    return row ? JSON.parse(row.cursor) : undefined;
  }

  /**
   * Writes the cursor inside the caller's transaction (the one that stored the page), only if it changed: every
   * write of a row leaves a dead version behind on PostgreSQL (and dead chunks in its TOAST table when the cursor is
   * large), so a source that pages without moving its cursor would otherwise bloat the table. `updated_at` is
   * therefore when the cursor last moved.
   */
  async setCursor(
    trx: Knex.Transaction,
    sourceId: string,
    cursor: JsonValue,
    nowIso: string,
  ): Promise<void> {
    await trx(CURSORS)
      .insert({
        source_id: sourceId,
        cursor: JSON.stringify(cursor),
        updated_at: nowIso,
      })
      .onConflict('source_id')
      .merge(['cursor', 'updated_at'])
      .whereRaw('?? <> excluded.??', [`${CURSORS}.cursor`, 'cursor']);
  }

  async startRun(
    sourceId: string,
    trigger: SourceRun['trigger'],
    nowIso: string,
  ): Promise<number> {
    const [row] = await this.db(RUNS)
      .insert({
        source_id: sourceId,
        trigger,
        status: 'running',
        started_at: nowIso,
      })
      .returning('id');
    return Number(typeof row === 'object' ? row.id : row);
  }

  async updateRun(
    id: number,
    fields: Partial<
      Pick<
        SourceRun,
        | 'pages'
        | 'inserted'
        | 'unchanged'
        | 'replaced'
        | 'retracted'
        | 'entities'
      >
    >,
  ) {
    await this.db(RUNS).where({ id }).update(fields);
  }

  async finishRun(
    id: number,
    fields: {
      status: 'succeeded' | 'failed';
      error?: string;
      finishedAt: string;
    },
  ): Promise<void> {
    await this.db(RUNS)
      .where({ id })
      .update({
        status: fields.status,
        error:
          fields.error === undefined
            ? null
            : this.options.redactor?.redact(fields.error) ?? fields.error,
        finished_at: fields.finishedAt,
      });
  }

  async listRuns(sourceId: string, limit = 50): Promise<SourceRun[]> {
    const rows = await this.db(RUNS)
      .where({ source_id: sourceId })
      .orderBy('id', 'desc')
      .limit(limit);
    return rows.map(row => toRun(row, this.options.redactor));
  }

  /** The latest run of each source. */
  async latestRuns(): Promise<Map<string, SourceRun>> {
    const latest = this.db(RUNS).max({ id: 'id' }).groupBy('source_id');
    const rows = await this.db(RUNS).whereIn('id', latest);
    return new Map(
      rows.map(row => [row.source_id, toRun(row, this.options.redactor)]),
    );
  }

  /** The latest successful run of each source. */
  async latestSuccessfulRuns(): Promise<Map<string, SourceRun>> {
    const latest = this.db(RUNS)
      .where({ status: 'succeeded' })
      .max({ id: 'id' })
      .groupBy('source_id');
    const rows = await this.db(RUNS).whereIn('id', latest);
    return new Map(
      rows.map(row => [row.source_id, toRun(row, this.options.redactor)]),
    );
  }
}
