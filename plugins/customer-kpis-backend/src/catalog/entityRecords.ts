// Maps catalog entities to the metadata rows the overview filters and groups by.
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { MirroredEntity } from '../database/EntityStore';
import { entityFacts, factsDigest } from './entityFacts';

/** The kinds whose metadata is mirrored: what the overview lists or groups by. */
export const MIRRORED_KINDS = ['component', 'system', 'domain', 'group'];

const OWN_ANNOTATION_PREFIX = 'customer-kpis.io/';

function ref(
  value: unknown,
  defaultKind: string,
  defaultNamespace: string,
): string | null {
  if (typeof value !== 'string' || value.length === 0) return null;
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return null;
  }
}

/**
 * Builds the metadata records of catalog entities, with the facts the catalog's permission rules look at. A
 * component's domain is its system's domain; a system's system is itself, so that grouping systems by system is the
 * identity.
 */
export function toEntityRecords(
  entities: readonly Entity[],
  bindingAnnotations: readonly string[],
): MirroredEntity[] {
  const systemDomains = new Map<string, string | null>();
  for (const entity of entities) {
    if (entity.kind.toLocaleLowerCase('en-US') === 'system') {
      const namespace = entity.metadata.namespace ?? 'default';
      systemDomains.set(
        stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
        ref(entity.spec?.domain, 'domain', namespace),
      );
    }
  }
  return entities.map(entity => {
    const namespace = entity.metadata.namespace ?? 'default';
    const kind = entity.kind.toLocaleLowerCase('en-US');
    const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
    const spec = (entity.spec ?? {}) as Record<string, unknown>;
    let system: string | null = null;
    let domain: string | null = null;
    if (kind === 'system') {
      system = entityRef;
      domain = ref(spec.domain, 'domain', namespace);
    } else if (kind === 'domain') {
      domain = entityRef;
    } else {
      system = ref(spec.system, 'system', namespace);
      domain = system ? systemDomains.get(system) ?? null : null;
    }
    const facts = entityFacts(entity);
    const annotations = Object.fromEntries(
      Object.entries(entity.metadata.annotations ?? {}).filter(
        ([key]) =>
          key.startsWith(OWN_ANNOTATION_PREFIX) ||
          bindingAnnotations.includes(key),
      ),
    );
    return {
      entityRef,
      kind,
      namespace: namespace.toLocaleLowerCase('en-US'),
      name: entity.metadata.name.toLocaleLowerCase('en-US'),
      title: entity.metadata.title ?? null,
      owner: ref(spec.owner, 'group', namespace),
      system,
      domain,
      lifecycle: typeof spec.lifecycle === 'string' ? spec.lifecycle : null,
      tags: entity.metadata.tags ?? [],
      annotations,
      facts,
      factsDigest: factsDigest(facts),
    };
  });
}
