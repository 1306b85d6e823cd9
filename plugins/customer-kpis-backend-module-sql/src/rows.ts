// Turns the rows of a KPI's query into observations: columns to fields, driver values to JSON, entities bound.
import {
  KpiId,
  Observation,
  safeParseObservation,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';

/** How a field's column values are read. */
type FieldKind = 'timestamp' | 'day' | 'number' | 'boolean';

/** Every observation field a column may fill, with its kind; the KPI's schema says which belong to which KPI. */
const FIELDS: Record<string, FieldKind> = {
  timestamp: 'timestamp',
  openedAt: 'timestamp',
  resolvedAt: 'timestamp',
  startedAt: 'timestamp',
  valueAt: 'timestamp',
  date: 'day',
  periodStart: 'day',
  periodEnd: 'day',
  score: 'number',
  scale: 'number',
  businessMinutes: 'number',
  dau: 'number',
  wau: 'number',
  mau: 'number',
  eligible: 'number',
  start: 'number',
  end: 'number',
  new: 'number',
  inverted: 'boolean',
};

/** A column name as matched: `opened_at`, `openedat` (PostgreSQL folds unquoted names) and `openedAt` are one. */
const normalise = (column: string) => column.replace(/_/g, '').toLowerCase();

const FIELD_BY_COLUMN = new Map(
  Object.keys(FIELDS).map(field => [normalise(field), field]),
);

/** The KPIs whose rows are one per period and entity, so that their id may be derived from the period. */
const NATURAL_IDS: Partial<
  Record<KpiId, (o: Record<string, unknown>) => string>
> = {
  adoption: o => String(o.date),
  retention: o => `${String(o.periodStart)}..${String(o.periodEnd)}`,
};

/** A query's rows did not fit: names the KPI's query, the 1-based row and the column or field. */
export class SqlRowError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SqlRowError';
  }
}

const TIMESTAMP_TEXT =
  /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * A driver's timestamp as ISO 8601: PostgreSQL's text (`2025-03-01 09:30:00+00`), MySQL's (`2025-03-01 09:30:00`,
 * read in the UTC session), SQLite's `datetime()` text, ISO text, or a Date. Text without an offset is UTC.
 */
function timestampValue(value: unknown): unknown {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? value : value.toISOString();
  }
  if (typeof value !== 'string') return value;
  const match = TIMESTAMP_TEXT.exec(value.trim());
  if (!match) return value;
  const [, day, time, offset] = match;
  let zone = offset ?? 'Z';
  if (/^[+-]\d{2}$/.test(zone)) zone = `${zone}:00`;
  else if (/^[+-]\d{4}$/.test(zone))
    zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  return `${day}T${time}${zone.toUpperCase()}`;
}

/** A driver's date as `YYYY-MM-DD`: text as is, a midnight timestamp's day, or a Date's UTC day. */
function dayValue(value: unknown): unknown {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime())
      ? value
      : value.toISOString().slice(0, 10);
  }
  if (typeof value === 'string') {
    const midnight =
      /^(\d{4}-\d{2}-\d{2})[ T]00:00(?::00(?:\.0+)?)?(?:Z|[+-]00(?::?00)?)?$/i.exec(
        value.trim(),
      );
    return midnight ? midnight[1] : value;
  }
  return value;
}

/** A driver's number: PostgreSQL's bigint and numeric and MySQL's DECIMAL come as text, SQLite may give a bigint. */
function numberValue(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) &&
      value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) {
    return Number(value);
  }
  return value;
}

/** A driver's boolean: MySQL's TINYINT(1) and SQLite give 0 or 1, PostgreSQL's text `t` or `f`. */
function booleanValue(value: unknown): unknown {
  if (value === 0 || value === 1) return value === 1;
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (['1', 't', 'true'].includes(text)) return true;
    if (['0', 'f', 'false'].includes(text)) return false;
  }
  return value;
}

const READERS: Record<FieldKind, (value: unknown) => unknown> = {
  timestamp: timestampValue,
  day: dayValue,
  number: numberValue,
  boolean: booleanValue,
};

/** Which entities a row feeds: by the ref in `entity_ref`, or by the key in `entity_key` and the annotation. */
export interface EntityResolver {
  /** The refs of the bound entities that carry `key` in their annotation. */
  byKey(key: string): readonly string[];
  /** The ref itself, normalised, when that entity is bound; otherwise none. */
  byRef(ref: string): readonly string[];
}

/** The observations of one query's rows, and how many rows fed no bound entity. */
export interface MappedRows {
  observations: Observation[];
  unbound: number;
}

function describe(value: unknown): string {
  const text =
    typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/**
 * Maps the rows of the `kpi` query to observations, each validated by the common schema. A row that does not fit
 * (a column that is no field of the KPI, a value of the wrong type or range, no entity column, no id where the KPI
 * needs one) throws a {@link SqlRowError} naming the row (1-based) and the column; a row whose entity is not bound
 * is left out and counted.
 */
export function rowsToObservations(
  kpi: KpiId,
  rows: readonly Record<string, unknown>[],
  entities: EntityResolver,
  now: Date,
): MappedRows {
  const observations: Observation[] = [];
  let unbound = 0;
  rows.forEach((row, index) => {
    const where = `the ${kpi} query, row ${index + 1}`;
    const fields: Record<string, unknown> = {};
    const columnOf: Record<string, string> = {};
    let entityRef: string | undefined;
    let entityKey: string | undefined;
    let rowId: string | undefined;
    for (const [column, value] of Object.entries(row)) {
      const name = normalise(column);
      if (name === 'entityref' || name === 'entitykey' || name === 'id') {
        if (value === null || value === undefined || value === '') continue;
        if (typeof value === 'object') {
          throw new SqlRowError(
            `${where}, column ${column}: must be text or a number (got ${describe(
              value,
            )})`,
          );
        }
        const text = String(value).trim();
        if (name === 'entityref') entityRef = text;
        else if (name === 'entitykey') entityKey = text;
        else rowId = text;
        continue;
      }
      const field = FIELD_BY_COLUMN.get(name) ?? column;
      if (field in fields) {
        throw new SqlRowError(
          `${where}: columns ${columnOf[field]} and ${column} both give ${field}`,
        );
      }
      columnOf[field] = column;
      // NULL is "no value": an optional field is then absent (valueAt: not reached yet), a required one missing.
      if (value === null || value === undefined) continue;
      const kind = FIELDS[field];
      fields[field] = kind ? READERS[kind](value) : value;
    }
    if (entityRef === undefined && entityKey === undefined) {
      throw new SqlRowError(
        `${where}: no entity_ref or entity_key column (or it is NULL); every row must name its entity`,
      );
    }
    const naturalId = NATURAL_IDS[kpi];
    if (rowId === undefined && !naturalId) {
      throw new SqlRowError(
        `${where}: no id column (or it is NULL); ${kpi} rows need a stable id, such as the response, ticket or journey id`,
      );
    }
    const refs =
      entityRef !== undefined
        ? entities.byRef(entityRef)
        : entities.byKey(entityKey!);
    if (refs.length === 0) {
      unbound++;
      return;
    }
    const key = rowId ?? naturalId!(fields);
    for (const ref of refs) {
      const result = safeParseObservation(
        { ...fields, id: `${kpi}/${key}/${ref}`, kpi, entityRef: ref },
        { now },
      );
      if (!result.success) {
        const issue = result.issues[0];
        const field = issue.path.split('.')[0];
        const given = columnOf[field];
        let column = `field ${field || '(row)'}`;
        if (given !== undefined) {
          column =
            given === field
              ? `column ${given}`
              : `column ${given} (field ${field})`;
        }
        throw new SqlRowError(
          `${where}, ${column}: ${result.issues
            .map(i => i.message)
            .join('; ')}`,
        );
      }
      observations.push(result.observation);
    }
  });
  return { observations, unbound };
}
