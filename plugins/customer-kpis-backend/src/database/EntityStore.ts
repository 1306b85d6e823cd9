// Catalog metadata of the entities (kind, owner, system, domain, lifecycle, tags), so that the overview filters,
// groups and pages in the database.
import { Knex } from 'knex';
import { FactCriteria } from '../catalog/readConditions';
import { BulkColumn, bulkInsert, whereInList } from './bulk';
import { ENTITIES, ENTITY_FACTS } from './tables';
import { chunks } from './util';

/** One catalog entity as the overview sees it. Refs are full, lower-case entity refs. */
export interface EntityRecord {
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  title: string | null;
  owner: string | null;
  system: string | null;
  domain: string | null;
  lifecycle: string | null;
  tags: string[];
  /** The entity's customer-kpis related annotations (targets, source bindings). */
  annotations: Record<string, string>;
}

const FACT_COLUMNS: readonly BulkColumn[] = [
  { name: 'entity_ref', type: 'text' },
  { name: 'key', type: 'text' },
  { name: 'value', type: 'text' },
];

/** One fact of an entity that the catalog's permission rules ask about: a lower-case key and value. */
export interface EntityFact {
  key: string;
  value: string | null;
}

/** A catalog entity as a sync writes it: its metadata, and the facts the catalog's permission rules look at. */
export interface MirroredEntity extends EntityRecord {
  facts: readonly EntityFact[];
  /** A digest of the facts: they are rewritten only when it changed. */
  factsDigest: string;
}

/** Filters of the overview, all optional and combined with AND. */
export interface EntityFilter {
  kinds?: string[];
  owner?: string;
  /** Any of these owners (a user's ownership refs: the user and the user's groups). */
  owners?: readonly string[];
  system?: string;
  domain?: string;
  lifecycle?: string;
  tag?: string;
  /** Case-insensitive text in the name or title. */
  q?: string;
  /** Only these refs (what the caller may see in the catalog). */
  refs?: readonly string[];
}

interface EntityRow {
  entity_ref: string;
  kind: string;
  namespace: string;
  name: string;
  title: string | null;
  owner: string | null;
  system: string | null;
  domain: string | null;
  lifecycle: string | null;
  tags: string;
  annotations: string;
}

function toRecord(row: EntityRow): EntityRecord {
  return {
    entityRef: row.entity_ref,
    kind: row.kind,
    namespace: row.namespace,
    name: row.name,
    title: row.title,
    owner: row.owner,
    system: row.system,
    domain: row.domain,
    lifecycle: row.lifecycle,
    tags: JSON.parse(row.tags),
    annotations: JSON.parse(row.annotations),
  };
}

/** The entities in the catalog matching a filter, as a query to refine (the overview sorts and pages on it). */
export function filteredEntities(
  db: Knex,
  filter: EntityFilter,
  alias = 'e',
): Knex.QueryBuilder {
  const q = db(`${ENTITIES} as ${alias}`).where(`${alias}.in_catalog`, true);
  if (filter.kinds?.length) q.whereIn(`${alias}.kind`, filter.kinds);
  if (filter.owner) q.where(`${alias}.owner`, filter.owner);
  if (filter.owners) q.whereIn(`${alias}.owner`, [...filter.owners]);
  if (filter.system) q.where(`${alias}.system`, filter.system);
  if (filter.domain) q.where(`${alias}.domain`, filter.domain);
  if (filter.lifecycle) q.where(`${alias}.lifecycle`, filter.lifecycle);
  // Tags are a JSON array of strings; the quoted form matches one whole tag.
  if (filter.tag)
    q.where(`${alias}.tags`, 'like', `%${JSON.stringify(filter.tag)}%`);
  if (filter.q) {
    const text = `%${filter.q.toLowerCase()}%`;
    q.where(inner =>
      inner
        .whereRaw(`lower(${alias}.name) like ?`, [text])
        .orWhereRaw(`lower(coalesce(${alias}.title, '')) like ?`, [text]),
    );
  }
  if (filter.refs) {
    // Thousands of visible refs go as one bound array, not one bind parameter each (planning an IN list of
    // 5,000 parameters costs more than the query).
    q.where(whereInList(db, `${alias}.entity_ref`, filter.refs));
  }
  return q;
}

/**
 * The refs of the entities for which the criteria hold, as one set query on the mirrored facts: a filter is the
 * entities with a matching fact, `anyOf` a union, `allOf` an intersection, `not` the mirror's entities except those;
 * `allOf` of nothing holds and `anyOf` of nothing does not, as in the catalog. Set operations rather than an OR of
 * correlated EXISTS: PostgreSQL hashes each set once instead of probing per entity (an OR of two EXISTS over 20,000
 * entities took 0.5–1 s, most of it compiling the plan).
 */
function factCriteriaSql(criteria: FactCriteria): {
  sql: string;
  bindings: string[];
} {
  const everything = `select "entity_ref" from "${ENTITIES}"`;
  // A compound select is wrapped to be an operand of another (SQLite does not take parenthesised selects there).
  const operand = (part: FactCriteria, alias: string) => {
    const inner = factCriteriaSql(part);
    return {
      sql: `select "entity_ref" from (${inner.sql}) as ${alias}`,
      bindings: inner.bindings,
    };
  };
  const combine = (parts: FactCriteria[], operator: string, empty: string) => {
    if (parts.length === 0) return { sql: empty, bindings: [] };
    const operands = parts.map((part, i) => operand(part, `p${i}`));
    return {
      sql: operands.map(o => o.sql).join(` ${operator} `),
      bindings: operands.flatMap(o => o.bindings),
    };
  };
  if ('allOf' in criteria)
    return combine(criteria.allOf, 'intersect', everything);
  if ('anyOf' in criteria)
    return combine(criteria.anyOf, 'union', `${everything} where 1 = 0`);
  if ('not' in criteria) {
    const inner = operand(criteria.not, 'n');
    return {
      sql: `${everything} except ${inner.sql}`,
      bindings: inner.bindings,
    };
  }
  const bindings = [criteria.key.toLocaleLowerCase('en-US')];
  let sql = `select "entity_ref" from "${ENTITY_FACTS}" where "key" = ?`;
  if (criteria.values) {
    if (criteria.values.length === 0)
      return { sql: `${sql} and 1 = 0`, bindings };
    sql += ` and "value" in (${criteria.values.map(() => '?').join(', ')})`;
    bindings.push(...criteria.values.map(v => v.toLocaleLowerCase('en-US')));
  }
  return { sql, bindings };
}

/** The entity metadata table. */
export class EntityStore {
  constructor(private readonly db: Knex) {}

  /**
   * Makes the table mirror the catalog: writes the given entities that are new or changed (`refreshed_at` is when a
   * row last changed), with their facts when those changed, and marks the others as gone, so that a sync of an
   * unchanged catalog writes nothing. Returns how many rows it wrote and the refs that left the catalog since the
   * last sync.
   */
  async replaceAll(
    records: readonly MirroredEntity[],
    nowIso: string,
  ): Promise<{ written: number; gone: string[] }> {
    const columns = (r: EntityRecord) => ({
      entity_ref: r.entityRef,
      kind: r.kind,
      namespace: r.namespace,
      name: r.name,
      title: r.title,
      owner: r.owner,
      system: r.system,
      domain: r.domain,
      lifecycle: r.lifecycle,
      tags: JSON.stringify(r.tags),
      annotations: JSON.stringify(r.annotations),
    });
    const result = await this.db.transaction(async trx => {
      const stored = new Map<string, { row: string; digest: string | null }>();
      for (const row of await trx(ENTITIES).where({ in_catalog: true })) {
        stored.set(row.entity_ref, {
          row: JSON.stringify(columns(toRecord(row))),
          digest: row.facts_digest,
        });
      }
      const changed: Record<string, unknown>[] = [];
      const newFacts: MirroredEntity[] = [];
      for (const record of records) {
        const row = columns(record);
        const before = stored.get(record.entityRef);
        const factsChanged = before?.digest !== record.factsDigest;
        if (before?.row === JSON.stringify(row) && !factsChanged) continue;
        changed.push({ ...row, facts_digest: record.factsDigest });
        if (factsChanged) newFacts.push(record);
      }
      for (const batch of chunks(changed, 200)) {
        await trx(ENTITIES)
          .insert(
            batch.map(row => ({
              ...row,
              in_catalog: true,
              refreshed_at: nowIso,
            })),
          )
          .onConflict('entity_ref')
          .merge();
      }
      await this.#replaceFacts(trx, newFacts);
      const present = new Set(records.map(r => r.entityRef));
      const gone = [...stored.keys()].filter(ref => !present.has(ref));
      for (const batch of chunks(gone, 500)) {
        await trx(ENTITIES)
          .whereIn('entity_ref', batch)
          .update({ in_catalog: false, refreshed_at: nowIso });
        await trx(ENTITY_FACTS).whereIn('entity_ref', batch).delete();
      }
      return { written: changed.length, gone };
    });
    // Conditional reads join the facts: after a sync that changed much of the mirror (the first one, say), the
    // planner must know the new sizes now rather than at autovacuum's next analyze, or it plans a nested loop over
    // every entity (seen: 2.4 s instead of milliseconds for 5,000 entities on PostgreSQL).
    if (
      result.written + result.gone.length >=
      Math.max(1, records.length / 10)
    ) {
      for (const table of [ENTITIES, ENTITY_FACTS]) {
        await this.db.raw(`analyze "${table}"`);
      }
    }
    return result;
  }

  async #replaceFacts(
    trx: Knex.Transaction,
    entities: readonly MirroredEntity[],
  ): Promise<void> {
    for (const batch of chunks(entities, 500)) {
      await trx(ENTITY_FACTS)
        .whereIn(
          'entity_ref',
          batch.map(e => e.entityRef),
        )
        .delete();
      const rows = batch.flatMap(e =>
        e.facts.map(f => ({
          entity_ref: e.entityRef,
          key: f.key,
          value: f.value,
        })),
      );
      await bulkInsert(trx, ENTITY_FACTS, FACT_COLUMNS, rows);
    }
  }

  /**
   * The refs of the entities of the given kinds in the catalog for which the criteria hold, evaluated on the mirrored
   * facts as the catalog evaluates them on its own index (keys and values compare lower case; a key alone asks
   * whether the entity has it at all).
   */
  async listRefsWhere(
    kinds: readonly string[],
    criteria: FactCriteria,
  ): Promise<string[]> {
    const set = factCriteriaSql(criteria);
    return this.db(`${ENTITIES} as e`)
      .where('e.in_catalog', true)
      .whereIn('e.kind', [...kinds])
      .whereRaw(`"e"."entity_ref" in (${set.sql})`, set.bindings)
      .pluck('e.entity_ref');
  }

  /** The refs of the entities of the given kinds in the catalog. */
  async listRefs(kinds: readonly string[]): Promise<string[]> {
    return this.db(ENTITIES)
      .where({ in_catalog: true })
      .whereIn('kind', [...kinds])
      .pluck('entity_ref');
  }

  /** Entities that left the catalog (kept until their data is deleted). */
  async listGone(): Promise<string[]> {
    return (
      await this.db(ENTITIES).where({ in_catalog: false }).select('entity_ref')
    ).map(r => r.entity_ref);
  }

  /** Forgets entities entirely. */
  async delete(refs: readonly string[]): Promise<void> {
    for (const batch of chunks(refs, 500)) {
      await this.db(ENTITY_FACTS).whereIn('entity_ref', batch).delete();
      await this.db(ENTITIES).whereIn('entity_ref', batch).delete();
    }
  }

  async get(entityRef: string): Promise<EntityRecord | undefined> {
    const row: EntityRow | undefined = await this.db(ENTITIES)
      .where({ entity_ref: entityRef, in_catalog: true })
      .first();
    return row ? toRecord(row) : undefined;
  }

  async getMany(refs: readonly string[]): Promise<EntityRecord[]> {
    const result: EntityRecord[] = [];
    for (const batch of chunks(refs, 500)) {
      const rows: EntityRow[] = await this.db(ENTITIES)
        .whereIn('entity_ref', batch)
        .where({ in_catalog: true });
      result.push(...rows.map(toRecord));
    }
    return result;
  }

  /**
   * The refs of the entities matching a filter (by default: every component) by group (system, domain or owner),
   * ascending; entities without that column are left out.
   */
  async listGroupMembers(
    column: 'system' | 'domain' | 'owner',
    filter: EntityFilter = { kinds: ['component'] },
  ): Promise<Map<string, string[]>> {
    const rows = await filteredEntities(this.db, filter)
      .whereNotNull(`e.${column}`)
      .select('e.entity_ref', `e.${column}`)
      .orderBy('e.entity_ref');
    const members = new Map<string, string[]>();
    for (const row of rows) {
      const list = members.get(row[column]) ?? [];
      list.push(row.entity_ref);
      members.set(row[column], list);
    }
    return members;
  }

  async list(filter: EntityFilter): Promise<EntityRecord[]> {
    const rows: EntityRow[] = await filteredEntities(this.db, filter)
      .select('e.*')
      .orderBy('e.entity_ref');
    return rows.map(toRecord);
  }
}
