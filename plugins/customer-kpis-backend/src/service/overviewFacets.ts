// Builds `GET /overview/facets`: the owners, systems and domains the overview's filters can choose, with their
// titles and how many of the caller's readable entities each has, so that a filter suggests titles and sends refs.
import {
  OverviewFacet,
  OverviewFacetsResponse,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { EntityStore } from '../database/EntityStore';
import { GroupColumn } from '../database/GroupSummaryStore';

const COLUMNS: readonly GroupColumn[] = ['owner', 'system', 'domain'];

/** Facets in the order a reader scans them: by title (a ref without one by its ref), ties by ref. */
function byTitle(a: OverviewFacet, b: OverviewFacet): number {
  const order = (a.title ?? a.ref).localeCompare(b.title ?? b.ref, 'en', {
    sensitivity: 'base',
  });
  return order !== 0 ? order : a.ref.localeCompare(b.ref, 'en');
}

/**
 * The facets of the entities of `kind` that the caller may see (`visible`, lower-case refs, as the overview reads
 * them). A facet the caller may not read itself is still listed by its ref, as the overview's rows name it, but
 * without its title.
 */
export async function overviewFacets(
  entities: Pick<EntityStore, 'listGroupMembers' | 'getMany'>,
  kind: string,
  visible: ReadonlySet<string>,
): Promise<OverviewFacetsResponse> {
  const filter = { kinds: [kind], refs: [...visible] };
  const [owners, systems, domains] = await Promise.all(
    COLUMNS.map(column => entities.listGroupMembers(column, filter)),
  );
  const readable = [owners, systems, domains]
    .flatMap(members => [...members.keys()])
    .filter(ref => visible.has(ref));
  const titles = new Map(
    (await entities.getMany([...new Set(readable)])).map(r => [
      r.entityRef,
      r.title ?? r.name,
    ]),
  );
  const facets = (members: ReadonlyMap<string, readonly string[]>) =>
    [...members]
      .map(([ref, refs]) => ({
        ref,
        title: titles.get(ref) ?? null,
        count: refs.length,
      }))
      .sort(byTitle);
  return {
    kind,
    owners: facets(owners),
    systems: facets(systems),
    domains: facets(domains),
  };
}
