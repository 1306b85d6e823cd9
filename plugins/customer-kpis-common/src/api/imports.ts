// The CSV import (`POST /imports`): its limits, the columns of each KPI's template (derived from the observation
// schemas), the query that names the KPI, source and column mapping, and the answer with its validation report.
import { z } from 'zod';
import { KPI_IDS, KpiId } from '../kpis/ids';
import { observationSchemas } from '../observations/schemas';
import { boundedText } from '../observations/text';
import { sourceDefinitionSchema } from './sources';

/** The most data rows (the header row aside) one imported CSV file may hold; a larger file is refused with a 413. */
export const MAX_IMPORT_ROWS = 100_000;

/** The largest CSV body `POST /imports` reads, in megabytes (a larger body is refused with a 413). */
export const MAX_IMPORT_MEGABYTES = 50;

/** The source an import stores its observations under when the query names none. */
export const DEFAULT_IMPORT_SOURCE = 'csv-import';

/** The most problems a validation report lists (it always gives their total). */
export const MAX_IMPORT_REPORTED_ERRORS = 100;

/** How many rows a dry run shows as observations. */
export const IMPORT_PREVIEW_ROWS = 10;

/** How a CSV cell becomes the value of an observation field: a number, `true`/`false`, or the text as it is. */
export type ImportFieldKind = 'number' | 'boolean' | 'text';

/** A field of an observation that a CSV column can fill. */
export interface ImportField {
  name: string;
  required: boolean;
  kind: ImportFieldKind;
}

type JsonSchemaNode = {
  type?: string | string[];
  anyOf?: JsonSchemaNode[];
  properties?: Record<string, JsonSchemaNode>;
  required?: string[];
};

function kindOf(node: JsonSchemaNode): ImportFieldKind {
  const types = [
    ...[node.type ?? []].flat(),
    ...(node.anyOf ?? []).flatMap(n => [n.type ?? []].flat()),
  ];
  if (types.some(t => t === 'number' || t === 'integer')) return 'number';
  if (types.includes('boolean')) return 'boolean';
  return 'text';
}

const fieldsCache = new Map<KpiId, ImportField[]>();

/**
 * The fields of a KPI's observations that CSV columns fill, in the schema's order: every field of the observation
 * schema but `kpi` (the import names the KPI once for the whole file).
 */
export function importFieldsOf(kpi: KpiId): ImportField[] {
  let fields = fieldsCache.get(kpi);
  if (!fields) {
    const json = z.toJSONSchema(observationSchemas[kpi], {
      io: 'input',
      unrepresentable: 'any',
    }) as JsonSchemaNode;
    fields = Object.entries(json.properties ?? {})
      .filter(([name]) => name !== 'kpi')
      .map(([name, node]) => ({
        name,
        required: json.required?.includes(name) ?? false,
        kind: kindOf(node),
      }));
    fieldsCache.set(kpi, fields);
  }
  return fields;
}

// Candidate values of the template's example row. Each field takes the first candidate its own schema accepts, so
// that the example follows the schemas (a day field gets a day, a 0–10 score a score) without a second definition.
const EXAMPLE_ENTITY_REF = 'component:default/example-service';
const EXAMPLE_NUMBERS = [25, 90, 100, 500];
const FALLBACK_NUMBERS = [4, 5, 7, 1, 0];
const EXAMPLE_START_MS = Date.UTC(2025, 2, 3, 9, 0, 0);
const HOUR_MS = 3_600_000;
const EXAMPLE_DAYS = ['2025-03-01', '2025-03-31', '2025-04-30'];

function accepts(schema: z.ZodType, value: unknown): boolean {
  return schema.safeParse(value).success;
}

/** The example row's values for one ordering of the numeric fields, or undefined if the whole row is invalid. */
function exampleRow(
  kpi: KpiId,
  order: 'ascending' | 'descending',
): Record<string, unknown> | undefined {
  const schema = observationSchemas[kpi] as unknown as z.ZodObject;
  const fields = importFieldsOf(kpi);
  const numeric = fields.filter(f => f.kind === 'number').map(f => f.name);
  const row: Record<string, unknown> = {};
  let times = 0;
  let days = 0;
  for (const field of fields) {
    const fieldSchema = schema.shape[field.name] as z.ZodType;
    let candidates: unknown[];
    if (field.name === 'id') candidates = [`${kpi}-example-1`];
    else if (field.name === 'entityRef') candidates = [EXAMPLE_ENTITY_REF];
    else if (field.kind === 'boolean') candidates = [false, true];
    else if (field.kind === 'number') {
      const at = numeric.indexOf(field.name);
      const index = order === 'ascending' ? at : numeric.length - 1 - at;
      candidates = [EXAMPLE_NUMBERS[index], ...FALLBACK_NUMBERS];
    } else {
      // Times and days of one row follow each other, so that "end after start" rules hold.
      const time = new Date(EXAMPLE_START_MS + times * 2 * HOUR_MS);
      const day = EXAMPLE_DAYS[Math.min(days, EXAMPLE_DAYS.length - 1)];
      if (accepts(fieldSchema, time.toISOString())) {
        row[field.name] = time.toISOString();
        times++;
      } else if (accepts(fieldSchema, day)) {
        row[field.name] = day;
        days++;
      }
      continue;
    }
    const value = candidates.find(c => accepts(fieldSchema, c));
    if (value !== undefined) row[field.name] = value;
  }
  return accepts(schema, { ...row, kpi }) ? row : undefined;
}

/** The CSV template of a KPI: the header row (field names) and one example row that the import accepts as it is. */
export interface CsvTemplate {
  kpi: KpiId;
  columns: string[];
  example: string[];
}

/** The CSV template of a KPI, derived from its observation schema. */
export function csvTemplateOf(kpi: KpiId): CsvTemplate {
  const row = exampleRow(kpi, 'ascending') ?? exampleRow(kpi, 'descending');
  if (!row) throw new Error(`No valid example row for the KPI ${kpi}`);
  const columns = importFieldsOf(kpi).map(f => f.name);
  return {
    kpi,
    columns,
    example: columns.map(c => (row[c] === undefined ? '' : String(row[c]))),
  };
}

const MAX_MAPPED_COLUMNS = 200;

/**
 * The `mapping` query parameter: a JSON object from CSV header to observation field; `""` ignores the column. A
 * header without an entry is read as the field of the same name.
 */
const mappingParamSchema = boundedText(20_000).transform((text, ctx) => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    ctx.addIssue({
      code: 'custom',
      message: 'must be a JSON object from CSV header to field name',
    });
    return z.NEVER;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be a JSON object from CSV header to field name',
    });
    return z.NEVER;
  }
  const entries = Object.entries(value);
  if (entries.length > MAX_MAPPED_COLUMNS) {
    ctx.addIssue({
      code: 'custom',
      message: `must map at most ${MAX_MAPPED_COLUMNS} columns`,
    });
    return z.NEVER;
  }
  const bad = entries.find(([, field]) => typeof field !== 'string');
  if (bad) {
    ctx.addIssue({
      code: 'custom',
      message: `the column ${JSON.stringify(
        bad[0],
      )} must map to a field name or "" (to ignore it)`,
    });
    return z.NEVER;
  }
  return Object.fromEntries(entries) as Record<string, string>;
});

/** The delimiters an import reads: comma (default), semicolon (spreadsheets in many locales) and tab. */
export const IMPORT_DELIMITERS = { ',': ',', ';': ';', tab: '\t' } as const;

/** `POST /imports` query. `source` defaults to {@link DEFAULT_IMPORT_SOURCE}, `dryRun` to false, `delimiter` to a comma. */
export const importQuerySchema = z
  .strictObject({
    kpi: z.enum(KPI_IDS).meta({ description: 'The KPI of every row' }),
    source: sourceDefinitionSchema.shape.id.optional().meta({
      description:
        'The source the observations are stored under (ids are unique per source)',
    }),
    dryRun: z
      .enum(['true', 'false'])
      .optional()
      .transform(v => (v === undefined ? undefined : v === 'true'))
      .meta({
        description:
          'true: validate and preview, store nothing and record no run',
      }),
    delimiter: z
      .enum(Object.keys(IMPORT_DELIMITERS) as [',', ';', 'tab'])
      .optional()
      .meta({ description: 'The cell delimiter' }),
    mapping: mappingParamSchema.optional().meta({
      description:
        'A JSON object from CSV header to observation field ("" ignores the column); a header without an entry is read as the field of its name',
    }),
  })
  .superRefine((query, ctx) => {
    if (!query.mapping) return;
    const fields = new Set(importFieldsOf(query.kpi).map(f => f.name));
    for (const [header, field] of Object.entries(query.mapping)) {
      if (field !== '' && !fields.has(field)) {
        ctx.addIssue({
          code: 'custom',
          path: ['mapping'],
          message: `the column ${JSON.stringify(
            header,
          )} maps to ${JSON.stringify(field)}, which is not a field of ${
            query.kpi
          } observations (fields: ${[...fields].join(', ')})`,
        });
      }
    }
  });

/** `POST /imports` query as a caller sends it. */
export type ImportQueryInput = z.input<typeof importQuerySchema>;

/** One problem of an imported file: its line (1 is the header row), the CSV column, the field and the reason. */
export const importProblemSchema = z.object({
  line: z.number().int().min(1),
  column: z.string().nullable(),
  field: z.string().nullable(),
  reason: z.string(),
});

/** What the validation of a file found. */
export const importReportSchema = z.object({
  /** Whether the file can be imported as it is. */
  valid: z.boolean(),
  /** Data rows read (the header row aside). */
  rows: z.number().int().min(0),
  /** Rows with at least one problem. */
  invalidRows: z.number().int().min(0),
  /** Every problem found, of which at most {@link MAX_IMPORT_REPORTED_ERRORS} are listed. */
  problemCount: z.number().int().min(0),
  problems: z.array(importProblemSchema),
});

/** `POST /imports` on success (a dry run, or an import that stored the file). */
export const importResponseSchema = z.object({
  kpi: z.enum(KPI_IDS),
  source: z.string(),
  dryRun: z.boolean(),
  /** Each CSV header and the field it fills (null: ignored). */
  columns: z.array(
    z.object({ header: z.string(), field: z.string().nullable() }),
  ),
  /** The first rows as the observations they become. */
  preview: z.array(
    z.object({
      line: z.number().int(),
      observation: z.record(z.string(), z.unknown()),
    }),
  ),
  report: importReportSchema,
  /** What the import stored; null for a dry run. */
  counts: z
    .object({
      inserted: z.number().int().min(0),
      unchanged: z.number().int().min(0),
      replaced: z.number().int().min(0),
    })
    .nullable(),
  /** The run that records the import in the source's run list; null for a dry run. */
  runId: z.number().int().nullable(),
});

/** `POST /imports` refused for its rows (400): nothing was stored; the report names each line, column and reason. */
export const importRejectedSchema = z.object({
  error: z.object({ name: z.literal('InputError'), message: z.string() }),
  report: importReportSchema,
});

/** One problem of an imported file. */
export type ImportProblem = z.infer<typeof importProblemSchema>;
/** The validation report of an imported file. */
export type ImportReport = z.infer<typeof importReportSchema>;
/** `POST /imports` answer. */
export type ImportResponse = z.infer<typeof importResponseSchema>;
/** `POST /imports` 400 answer for bad rows. */
export type ImportRejected = z.infer<typeof importRejectedSchema>;
