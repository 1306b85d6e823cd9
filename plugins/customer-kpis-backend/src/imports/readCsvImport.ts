// Reads an imported CSV file: streams it through csv-parse, maps its columns to observation fields, and validates
// every row with the common observation schemas, so that the report names the line, the column and the reason.
import {
  IMPORT_DELIMITERS,
  ImportField,
  ImportProblem,
  ImportReport,
  KpiId,
  MAX_IMPORT_REPORTED_ERRORS,
  MAX_IMPORT_ROWS,
  Observation,
  importFieldsOf,
  safeParseObservation,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { CsvError, parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { PayloadTooLargeError } from '../service/parseInput';

/** What to read a file as. */
export interface ReadCsvImportOptions {
  kpi: KpiId;
  /** CSV header → field; `''` ignores the column. A header without an entry is read as the field of its name. */
  mapping?: Readonly<Record<string, string>>;
  delimiter?: keyof typeof IMPORT_DELIMITERS;
  /** The instant event times are checked against (one for the whole file). */
  now: Date;
  /** More data rows than this is a 413 (tests lower it). */
  maxRows?: number;
}

/** A valid row as the observation it becomes. */
export interface ImportedRow {
  line: number;
  observation: Observation;
}

/** A file read: its columns, its valid rows and the report of its problems. */
export interface CsvImport {
  columns: { header: string; field: string | null }[];
  rows: ImportedRow[];
  report: ImportReport;
}

/** The problems of a file: every one counted, the first ones kept. */
class Problems {
  readonly listed: ImportProblem[] = [];
  count = 0;
  readonly badLines = new Set<number>();

  add(problem: ImportProblem) {
    this.count++;
    if (problem.line > 1) this.badLines.add(problem.line);
    if (this.listed.length < MAX_IMPORT_REPORTED_ERRORS)
      this.listed.push(problem);
  }
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A cell as the value of its field: numbers and booleans converted, other text as it is (the schema says why). */
function cellValue(text: string, field: ImportField): unknown {
  if (field.kind === 'number' && NUMBER.test(text)) return Number(text);
  if (field.kind === 'boolean') {
    const lower = text.toLowerCase();
    if (lower === 'true' || lower === '1') return true;
    if (lower === 'false' || lower === '0') return false;
  }
  return text;
}

/** Splits a body into chunks, so that a large file is parsed without holding the event loop for its whole length. */
function chunksOf(body: Buffer, size = 256 * 1024): Buffer[] {
  const chunks: Buffer[] = [];
  for (let at = 0; at < body.length; at += size)
    chunks.push(body.subarray(at, at + size));
  return chunks;
}

/** Which field each header fills (null: ignored), and the problems of the header row and the mapping. */
function resolveColumns(
  headers: string[],
  options: ReadCsvImportOptions,
  problems: Problems,
): (ImportField | null)[] {
  const fields = importFieldsOf(options.kpi);
  const byName = new Map(fields.map(f => [f.name, f]));
  const byLowerName = new Map(fields.map(f => [f.name.toLowerCase(), f]));
  const mapping = options.mapping ?? {};
  const filledBy = new Map<string, string>();
  const resolved = headers.map((header, index) => {
    if (header === '' && !(header in mapping)) {
      problems.add({
        line: 1,
        column: null,
        field: null,
        reason: `column ${index + 1} has no header`,
      });
      return null;
    }
    if (headers.indexOf(header) !== index) {
      problems.add({
        line: 1,
        column: header,
        field: null,
        reason: `the header ${JSON.stringify(header)} appears twice`,
      });
      return null;
    }
    // Mapped to "" (ignored): null; mapped to a field: that field; not mapped: the field of its name, if any.
    let target: ImportField | null | undefined;
    if (!(header in mapping)) target = byLowerName.get(header.toLowerCase());
    else if (mapping[header] === '') target = null;
    else target = byName.get(mapping[header]) ?? null;
    if (target === undefined) {
      problems.add({
        line: 1,
        column: header,
        field: null,
        reason: `${JSON.stringify(header)} is not a field of ${
          options.kpi
        } observations (${fields
          .map(f => f.name)
          .join(', ')}): map it to one, or to "" to ignore it`,
      });
      return null;
    }
    if (target) {
      const other = filledBy.get(target.name);
      if (other !== undefined) {
        problems.add({
          line: 1,
          column: header,
          field: target.name,
          reason: `both ${JSON.stringify(other)} and ${JSON.stringify(
            header,
          )} fill the field ${target.name}`,
        });
        return null;
      }
      filledBy.set(target.name, header);
    }
    return target;
  });
  for (const header of Object.keys(mapping)) {
    if (!headers.includes(header)) {
      problems.add({
        line: 1,
        column: header,
        field: mapping[header] || null,
        reason: `the mapping names the column ${JSON.stringify(
          header,
        )}, which the file does not have`,
      });
    }
  }
  for (const field of fields) {
    if (field.required && !filledBy.has(field.name)) {
      problems.add({
        line: 1,
        column: null,
        field: field.name,
        reason: `no column fills the required field ${field.name}`,
      });
    }
  }
  return resolved;
}

/**
 * Reads a CSV file as observations of one KPI. Never stores anything: the caller imports `rows` only when the
 * report is valid. A file with more than `maxRows` data rows is a {@link PayloadTooLargeError} that says how to split it.
 */
export async function readCsvImport(
  body: Buffer,
  options: ReadCsvImportOptions,
): Promise<CsvImport> {
  const maxRows = options.maxRows ?? MAX_IMPORT_ROWS;
  const problems = new Problems();
  const rows: ImportedRow[] = [];
  let headers: string[] | undefined;
  let columns: (ImportField | null)[] = [];
  let count = 0;
  const lineOfId = new Map<string, number>();
  const parser = parse({
    bom: true,
    delimiter: IMPORT_DELIMITERS[options.delimiter ?? ','],
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
    info: true,
  });
  const stream = Readable.from(chunksOf(body));
  stream.pipe(parser);
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (!headers) {
        headers = record;
        columns = resolveColumns(headers, options, problems);
        if (problems.count > 0) break;
        continue;
      }
      count++;
      if (count > maxRows) {
        throw new PayloadTooLargeError(
          `A CSV import holds at most ${maxRows.toLocaleString(
            'en-US',
          )} data rows, and this file has more: split it into files of at most ${maxRows.toLocaleString(
            'en-US',
          )} rows, each starting with the header row, and import them one after the other (each file is all or nothing; nothing was stored)`,
        );
      }
      const line = info.lines;
      if (record.length !== headers.length) {
        problems.add({
          line,
          column: null,
          field: null,
          reason: `the row has ${record.length} cells, the header row ${headers.length}`,
        });
        continue;
      }
      const input: Record<string, unknown> = { kpi: options.kpi };
      columns.forEach((field, index) => {
        if (field && record[index] !== '')
          input[field.name] = cellValue(record[index], field);
      });
      const result = safeParseObservation(input, { now: options.now });
      if (!result.success) {
        for (const issue of result.issues) {
          const field = issue.path.split('.')[0] || null;
          const at = field ? columns.findIndex(c => c?.name === field) : -1;
          problems.add({
            line,
            column: at >= 0 ? headers[at] : null,
            field,
            reason: issue.message,
          });
        }
        continue;
      }
      const { observation } = result;
      const first = lineOfId.get(observation.id);
      if (first !== undefined) {
        const at = columns.findIndex(c => c?.name === 'id');
        problems.add({
          line,
          column: headers[at] ?? null,
          field: 'id',
          reason: `the id ${JSON.stringify(
            observation.id,
          )} is also on line ${first}: each row needs its own id`,
        });
        continue;
      }
      lineOfId.set(observation.id, line);
      rows.push({ line, observation });
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines;
    problems.add({
      line: typeof line === 'number' && line > 0 ? line : 1,
      column: null,
      field: null,
      reason: `the file is not valid CSV: ${error.message}`,
    });
  } finally {
    stream.unpipe(parser);
    stream.destroy();
    parser.destroy();
  }
  if (!headers) {
    problems.add({
      line: 1,
      column: null,
      field: null,
      reason: 'the file is empty: it needs a header row and data rows',
    });
  } else if (count === 0 && problems.count === 0) {
    problems.add({
      line: 1,
      column: null,
      field: null,
      reason: 'the file has a header row but no data rows',
    });
  }
  return {
    columns: (headers ?? []).map((header, i) => ({
      header,
      field: columns[i]?.name ?? null,
    })),
    rows,
    report: {
      valid: problems.count === 0,
      rows: count,
      invalidRows: problems.badLines.size,
      problemCount: problems.count,
      problems: problems.listed,
    },
  };
}
