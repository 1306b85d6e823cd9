// Translates the conditions of a conditional `catalog.entity.read` decision into filters on the mirror's entity facts,
// as the catalog translates them into filters on its own index: the same rules, the same keys, the same values.
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import {
  PermissionCondition,
  PermissionCriteria,
} from '@backstage/plugin-permission-common';
import { z } from 'zod';

/** Entities that have a fact with this key, and (if given) one of these values; keys and values compare lower case. */
export interface FactFilter {
  key: string;
  values?: string[];
}

/** A tree of fact filters, combined as the decision's criteria combine its conditions. */
export type FactCriteria =
  | FactFilter
  | { allOf: FactCriteria[] }
  | { anyOf: FactCriteria[] }
  | { not: FactCriteria };

const keyValue = (keyName: string) =>
  z.object({ [keyName]: z.string(), value: z.string().optional() });

/**
 * The catalog's built-in entity rules and the fact each asks about (each rule's `toQuery`, as documented for
 * `@backstage/plugin-catalog-backend`'s permission rules).
 */
const RULES: Record<string, (params: unknown) => FactFilter | undefined> = {
  IS_ENTITY_KIND: params => {
    const parsed = z.object({ kinds: z.array(z.string()) }).safeParse(params);
    return parsed.success
      ? { key: 'kind', values: parsed.data.kinds }
      : undefined;
  },
  IS_ENTITY_OWNER: params => {
    const parsed = z.object({ claims: z.array(z.string()) }).safeParse(params);
    return parsed.success
      ? { key: 'relations.ownedBy', values: parsed.data.claims }
      : undefined;
  },
  HAS_ANNOTATION: params =>
    withValue('metadata.annotations', 'annotation', params),
  HAS_LABEL: params => withValue('metadata.labels', 'label', params),
  HAS_METADATA: params => withValue('metadata', 'key', params),
  HAS_SPEC: params => withValue('spec', 'key', params),
};

function withValue(
  prefix: string,
  keyName: string,
  params: unknown,
): FactFilter | undefined {
  const parsed = keyValue(keyName).safeParse(params);
  if (!parsed.success) return undefined;
  const data = parsed.data as Record<string, string | undefined>;
  const key = `${prefix}.${data[keyName]}`;
  return data.value === undefined ? { key } : { key, values: [data.value] };
}

/**
 * The fact criteria of a decision's conditions, or undefined when any condition is not one of the catalog's built-in
 * entity rules with the parameters it takes (a rule an app registered itself): then only the catalog can apply it.
 */
export function toFactCriteria(
  criteria: PermissionCriteria<PermissionCondition>,
): FactCriteria | undefined {
  if ('allOf' in criteria) {
    const parts = criteria.allOf.map(toFactCriteria);
    return parts.every(isDefined) ? { allOf: parts } : undefined;
  }
  if ('anyOf' in criteria) {
    const parts = criteria.anyOf.map(toFactCriteria);
    return parts.every(isDefined) ? { anyOf: parts } : undefined;
  }
  if ('not' in criteria) {
    const inner = toFactCriteria(criteria.not);
    return inner ? { not: inner } : undefined;
  }
  if (criteria.resourceType !== RESOURCE_TYPE_CATALOG_ENTITY) return undefined;
  const rule = Object.hasOwn(RULES, criteria.rule)
    ? RULES[criteria.rule]
    : undefined;
  return rule?.(criteria.params);
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}
