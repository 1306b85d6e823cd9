// The facts of a catalog entity that the catalog's permission rules can ask about, flattened the way the catalog
// indexes entities for its filters, so that a rule's filter matches the same entities in the mirror as in the catalog.
import {
  DEFAULT_NAMESPACE,
  Entity,
  RELATION_OWNED_BY,
} from '@backstage/catalog-model';
import { createHash } from 'node:crypto';
import { EntityFact } from '../database/EntityStore';

// The catalog's limits on indexed keys and values (its search table's columns).
const MAX_KEY_LENGTH = 200;
const MAX_VALUE_LENGTH = 200;

/** Paths the catalog does not index as they are (identity fields are added once, explicitly). */
const SKIPPED_PATHS = new Set([
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'metadata.etag',
]);

type Raw = { key: string; value: unknown };

/**
 * Flattens a value into dotted keys: a primitive (or null) is one fact; an array gives each item under the same key,
 * and a string item also a key of its own (`metadata.tags.java` = true), as the catalog's filters expect.
 */
function flatten(path: string, value: unknown, out: Raw[]): void {
  if (SKIPPED_PATHS.has(path)) return;
  if (
    value === undefined ||
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  ) {
    out.push({ key: path, value });
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) {
      flatten(path, item, out);
      if (typeof item === 'string')
        out.push({ key: `${path}.${item}`, value: true });
    }
    return;
  }
  if (typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      flatten(`${path}.${key}`, item, out);
    }
  }
}

/**
 * The facts (lower-case dotted keys and lower-case values, null for null) of an entity that the catalog's built-in rules reach: `kind` (IS_ENTITY_KIND), `metadata.*`
 * (HAS_ANNOTATION, HAS_LABEL, HAS_METADATA), `spec.*` (HAS_SPEC) and `relations.ownedby` (IS_ENTITY_OWNER). Keys and
 * values are lower case; a key longer than the catalog indexes is left out, a longer value is kept as null (its key
 * still exists); duplicates are dropped.
 */
export function entityFacts(entity: Entity): EntityFact[] {
  const raw: Raw[] = [{ key: 'kind', value: entity.kind }];
  flatten('metadata', entity.metadata, raw);
  flatten('spec', entity.spec ?? {}, raw);
  raw.push({ key: 'metadata.name', value: entity.metadata.name });
  raw.push({
    key: 'metadata.namespace',
    value: entity.metadata.namespace ?? DEFAULT_NAMESPACE,
  });
  if (entity.metadata.uid !== undefined)
    raw.push({ key: 'metadata.uid', value: entity.metadata.uid });
  for (const relation of entity.relations ?? []) {
    if (relation.type === RELATION_OWNED_BY)
      raw.push({
        key: `relations.${relation.type}`,
        value: relation.targetRef,
      });
  }
  const seen = new Set<string>();
  const facts: EntityFact[] = [];
  for (const { key: rawKey, value: rawValue } of raw) {
    const key = rawKey.toLocaleLowerCase('en-US');
    if (key.length > MAX_KEY_LENGTH) continue;
    let value: string | null = null;
    if (rawValue !== undefined && rawValue !== null) {
      const text = String(rawValue).toLocaleLowerCase('en-US');
      value = text.length <= MAX_VALUE_LENGTH ? text : null;
    }
    const id = `${key}\0${value ?? '\0null'}`;
    if (seen.has(id)) continue;
    seen.add(id);
    facts.push({ key, value });
  }
  return facts;
}

/** A digest of facts, order-insensitive: a sync rewrites an entity's facts only when it changed. */
export function factsDigest(facts: readonly EntityFact[]): string {
  const lines = facts.map(f => `${f.key}\0${f.value ?? '\0null'}`).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}
