// Entity metadata records for store tests.
import { factsDigest } from '../catalog/entityFacts';
import { EntityRecord, MirroredEntity } from '../database/EntityStore';

/**
 * A component's record as a sync writes it; `fields` override the defaults (owner team-a, production, no system,
 * domain or tags). Its facts are only its kind (tests of permission facts build records from entities).
 */
export function componentRecord(
  entityRef: string,
  fields: Partial<EntityRecord> = {},
): MirroredEntity {
  const facts = [{ key: 'kind', value: fields.kind ?? 'component' }];
  return {
    entityRef,
    kind: 'component',
    namespace: 'default',
    name: entityRef.split('/')[1],
    title: null,
    owner: 'group:default/team-a',
    system: null,
    domain: null,
    lifecycle: 'production',
    tags: [],
    annotations: {},
    ...fields,
    facts,
    factsDigest: factsDigest(facts),
  };
}
