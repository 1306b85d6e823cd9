// A CSV import end to end: read and validate the file, then (unless it is a dry run) store every row in one
// transaction, in batches of the push API's size, and record the import as a run of its source.
import {
  DEFAULT_IMPORT_SOURCE,
  IMPORT_DELIMITERS,
  IMPORT_PREVIEW_ROWS,
  ImportReport,
  ImportResponse,
  KpiId,
  MAX_INGEST_BATCH,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { KpiStore } from '../database/KpiStore';
import { SourceStore } from '../sources/SourceStore';
import { ImportedRow, readCsvImport } from './readCsvImport';

/** What an import needs. */
export interface ImportCsvDeps {
  store: KpiStore;
  runs: SourceStore;
  now: () => Date;
}

/** One file to import. */
export interface ImportCsvRequest {
  kpi: KpiId;
  source?: string;
  dryRun?: boolean;
  delimiter?: keyof typeof IMPORT_DELIMITERS;
  mapping?: Readonly<Record<string, string>>;
  /** More data rows than this is a 413 (tests lower it). */
  maxRows?: number;
}

/** An import done (or previewed), or refused for its rows: then nothing was stored and no run recorded. */
export type ImportCsvOutcome =
  | { ok: true; response: ImportResponse }
  | { ok: false; report: ImportReport };

function* batches(rows: readonly ImportedRow[], size: number) {
  for (let at = 0; at < rows.length; at += size)
    yield rows.slice(at, at + size).map(row => row.observation);
}

/** The message of a refused file: how many rows are bad and the first problem. */
export function rejectionMessage(report: ImportReport): string {
  const first = report.problems[0];
  const where = first
    ? ` (first: line ${first.line}${
        first.column ? `, column ${JSON.stringify(first.column)}` : ''
      }: ${first.reason})`
    : '';
  return `The file has ${report.problemCount} problem${
    report.problemCount === 1 ? '' : 's'
  } in ${report.invalidRows} of ${
    report.rows
  } rows${where}; nothing was stored`;
}

/**
 * Reads, validates and (unless `dryRun`) stores a CSV file of one KPI: all rows or none, in one transaction
 * however many batches it takes. A stored import is recorded as a manual run of its source with its counts.
 */
export async function importCsv(
  deps: ImportCsvDeps,
  body: Buffer,
  request: ImportCsvRequest,
): Promise<ImportCsvOutcome> {
  const source = request.source ?? DEFAULT_IMPORT_SOURCE;
  const file = await readCsvImport(body, {
    kpi: request.kpi,
    mapping: request.mapping,
    delimiter: request.delimiter,
    now: deps.now(),
    maxRows: request.maxRows,
  });
  const answer = {
    kpi: request.kpi,
    source,
    dryRun: request.dryRun ?? false,
    columns: file.columns,
    preview: file.rows.slice(0, IMPORT_PREVIEW_ROWS).map(row => ({
      line: row.line,
      observation: row.observation as Record<string, unknown>,
    })),
    report: file.report,
  };
  if (request.dryRun)
    return { ok: true, response: { ...answer, counts: null, runId: null } };
  if (!file.report.valid) return { ok: false, report: file.report };

  const runId = await deps.runs.startRun(
    source,
    'manual',
    deps.now().toISOString(),
  );
  try {
    const counts = await deps.store.ingestChunks(
      source,
      batches(file.rows, MAX_INGEST_BATCH),
    );
    await deps.runs.updateRun(runId, {
      pages: Math.ceil(file.rows.length / MAX_INGEST_BATCH),
      inserted: counts.inserted,
      unchanged: counts.unchanged,
      replaced: counts.replaced,
      entities: new Set(file.rows.map(r => r.observation.entityRef)).size,
    });
    await deps.runs.finishRun(runId, {
      status: 'succeeded',
      finishedAt: deps.now().toISOString(),
    });
    return {
      ok: true,
      response: {
        ...answer,
        counts: {
          inserted: counts.inserted,
          unchanged: counts.unchanged,
          replaced: counts.replaced,
        },
        runId,
      },
    };
  } catch (error) {
    await deps.runs.finishRun(runId, {
      status: 'failed',
      error: `CSV import of ${
        file.rows.length
      } rows failed, nothing was stored: ${(error as Error).message}`,
      finishedAt: deps.now().toISOString(),
    });
    throw error;
  }
}
