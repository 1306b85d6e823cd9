// Entity metadata records for store tests.
import { EntityRecord } from '../database/EntityStore';

/** A component's record; `fields` override the defaults (owner team-a, production, no system, domain or tags). */
export function componentRecord(
  entityRef: string,
  fields: Partial<EntityRecord> = {},
): EntityRecord {
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
  };
}
