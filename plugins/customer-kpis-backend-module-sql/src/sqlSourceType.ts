// The `sql` source type: one configured SELECT per KPI, run read-only on a warehouse, incrementally by period.
import { Entity } from '@backstage/catalog-model';
import {
  KPI_IDS,
  KpiId,
  SQL_KEY_ANNOTATION,
  normaliseEntityRef,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import {
  CustomerKpisSourceType,
  JsonValue,
  SourcePage,
  SourcePullContext,
  annotationValue,
  entityRefOf,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import {
  SqlConfig,
  configuredKpis,
  databaseUrl,
  sqlConfigSchema,
  sqlCredentialTargets,
} from './config';
import { EntityResolver, rowsToObservations } from './rows';
import { Warehouse } from './warehouse';

/** The keys in an entity's `customer-kpis.io/sql-key` annotation: one, or several separated by commas. */
export function sqlKeysOf(entity: Entity): string[] {
  return (annotationValue(entity, SQL_KEY_ANNOTATION) ?? '')
    .split(',')
    .map(key => key.trim())
    .filter(key => key.length > 0);
}

function isBoundToSql(entity: Entity): boolean {
  return sqlKeysOf(entity).length > 0;
}

/** Refs of the bound entities by key, and the bound refs themselves. */
class SqlBindings implements EntityResolver {
  private readonly byKeyMap = new Map<string, string[]>();
  private readonly refSet = new Set<string>();

  constructor(entities: Entity[]) {
    for (const entity of entities) {
      const ref = entityRefOf(entity);
      this.refSet.add(ref);
      for (const key of sqlKeysOf(entity)) {
        const refs = this.byKeyMap.get(key) ?? [];
        if (!refs.includes(ref)) refs.push(ref);
        this.byKeyMap.set(key, refs);
      }
    }
  }

  get keys(): string[] {
    return [...this.byKeyMap.keys()];
  }

  get refs(): string[] {
    return [...this.refSet];
  }

  byKey(key: string): readonly string[] {
    return this.byKeyMap.get(key) ?? [];
  }

  byRef(ref: string): readonly string[] {
    const normalised = normaliseEntityRef(ref);
    return normalised && this.refSet.has(normalised) ? [normalised] : [];
  }
}

/**
 * Where the next run starts, per KPI: the `:until` of the last run that stored that KPI's rows. The next run reads
 * from there, less `lookbackHours`.
 */
type SqlCursor = { version: 1; until: Partial<Record<KpiId, string>> };

function readCursor(cursor: JsonValue | undefined): SqlCursor {
  const until: SqlCursor['until'] = {};
  const stored =
    typeof cursor === 'object' && cursor !== null && !Array.isArray(cursor)
      ? cursor.until
      : undefined;
  if (typeof stored === 'object' && stored !== null && !Array.isArray(stored)) {
    for (const kpi of KPI_IDS) {
      const value = stored[kpi];
      if (typeof value === 'string' && Number.isFinite(Date.parse(value))) {
        until[kpi] = value;
      }
    }
  }
  return { version: 1, until };
}

const HOUR_MS = 3_600_000;

async function* pullSql(
  context: SourcePullContext<SqlConfig>,
): AsyncIterable<SourcePage> {
  const { config, credentials, logger, redactor } = context;
  const entities = context.entities.filter(isBoundToSql);
  if (entities.length === 0) {
    // Nothing to read, and the cursor stays where it is, so that the first bound entity gets the whole history.
    logger.info(
      `sql source: no entity carries ${SQL_KEY_ANNOTATION}; no query was run`,
    );
    return;
  }
  let password: string | undefined;
  const url = databaseUrl(config);
  if (url) {
    try {
      password = credentials.get(config.connection!.credential, url);
    } catch (error) {
      throw new Error(`sql source: ${(error as Error).message}`);
    }
  }
  const bindings = new SqlBindings(entities);
  const cursor = readCursor(context.cursor);
  const now = context.now();
  const until = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const warehouse = new Warehouse(config, password, logger);
  let rowsRead = 0;
  try {
    for (const kpi of configuredKpis(config)) {
      if (context.signal?.aborted) {
        throw new Error('the run was cancelled');
      }
      const previous = cursor.until[kpi];
      const since = previous
        ? new Date(Date.parse(previous) - config.lookbackHours * HOUR_MS)
        : new Date(until.getTime() - config.initialLookbackDays * 24 * HOUR_MS);
      const rows = await warehouse.rows(
        kpi,
        config.queries[kpi]!,
        {
          since,
          until,
          entityKeys: bindings.keys,
          entityRefs: bindings.refs,
        },
        config.maxRowsPerRun - rowsRead,
      );
      rowsRead += rows.length;
      const mapped = rowsToObservations(kpi, rows, bindings, now);
      if (mapped.unbound > 0) {
        logger.info(
          `sql source: ${mapped.unbound} of ${rows.length} row(s) of the ${kpi} query named no bound entity and were left out`,
        );
      }
      cursor.until[kpi] = until.toISOString();
      yield {
        observations: mapped.observations,
        cursor: structuredClone(cursor),
      };
    }
  } catch (error) {
    // A database message may quote a value of the row or the connection; redact before it leaves.
    throw new Error(
      `sql source: ${redactor.redact(
        error instanceof Error ? error.message : String(error),
      )}`,
    );
  } finally {
    await warehouse.close();
  }
}

/**
 * The `sql` source type: one SELECT per KPI from app-config (never from the admin API: `configOnly`), run on
 * PostgreSQL or Redshift (pg), MySQL or MariaDB (mysql2) or a SQLite file (better-sqlite3), each in a read-only
 * transaction with a statement timeout, within a row limit per run.
 *
 * A query gets the named parameters `:since` and `:until` (the period read: from the last run's `:until`, less
 * `lookbackHours`, or `initialLookbackDays` ago, to now) and `:entity_keys` / `:entity_refs` (the bound entities,
 * for `IN (…)`). Its columns are the KPI's observation fields (`opened_at` or `openedAt`), an `id` where the KPI
 * has no natural one (adoption: its date; retention: its period), and the entity: `entity_key`, matched against
 * the `customer-kpis.io/sql-key` annotation, or `entity_ref`. Observation ids are `<kpi>/<id>/<entity ref>`, so a
 * row read again is a no-op and a changed row replaces its earlier version.
 */
export const sqlSourceType: CustomerKpisSourceType<SqlConfig> = {
  id: 'sql',
  title: 'SQL warehouse',
  description:
    'Any KPI from SELECT queries in app-config on PostgreSQL/Redshift, MySQL/MariaDB or SQLite, run read-only with a timeout and a row limit; entities are bound by customer-kpis.io/sql-key.',
  configSchema: sqlConfigSchema,
  kpis: [...KPI_IDS],
  annotation: SQL_KEY_ANNOTATION,
  configOnly: true,
  credentialTargets: sqlCredentialTargets,
  isAvailable: isBoundToSql,
  pull: pullSql,
};
