// What the caller may see in the catalog: reads are filtered by the catalog's own permission rules.
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** The refs (lower-case) of the entities of the given kinds that the caller may read in the catalog. */
export async function visibleEntityRefs(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  kinds: readonly string[],
): Promise<Set<string>> {
  const refs = new Set<string>();
  for await (const page of catalog.streamEntities(
    {
      filter: { kind: [...kinds] },
      fields: ['kind', 'metadata.namespace', 'metadata.name'],
    },
    { credentials },
  )) {
    for (const entity of page) {
      refs.add(stringifyEntityRef(entity).toLocaleLowerCase('en-US'));
    }
  }
  return refs;
}
