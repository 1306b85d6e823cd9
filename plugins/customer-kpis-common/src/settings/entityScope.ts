// Settings configured per domain, system or entity (KPI weights, targets): which config entries apply to an entity.
import { normaliseEntityRef } from '../observations/fields';

/**
 * Where an entity sits, for the settings configured per entity: the refs of its domain, its system and itself. A
 * system is its own system and a domain its own domain, as the catalog mirror records them.
 */
export interface EntityScope {
  domain?: string;
  system?: string;
  /** The entity itself: a component, or the system, domain or group whose own figures these are. */
  component?: string;
}

/**
 * The entries of a config list that apply to an entity: those of its domain, its system and itself, least specific
 * first, so that laying them over each other in order lets the most specific win. Refs match in any case and
 * with or without the `default` namespace; a ref named twice in the scope (a system's system) counts once.
 */
export function entriesInScope<E extends { entity: string }>(
  entries: readonly E[] | undefined,
  scope: EntityScope,
): E[] {
  const wanted: string[] = [];
  for (const ref of [scope.domain, scope.system, scope.component]) {
    const normalised = ref === undefined ? undefined : normaliseEntityRef(ref);
    if (normalised !== undefined && !wanted.includes(normalised))
      wanted.push(normalised);
  }
  return wanted.flatMap(ref => {
    const entry = entries?.find(e => normaliseEntityRef(e.entity) === ref);
    return entry ? [entry] : [];
  });
}
