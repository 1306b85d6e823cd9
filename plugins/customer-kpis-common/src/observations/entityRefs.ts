// Catalog entity refs held to the catalog's own rules for kind, namespace and name, in the lower-case form we store.
import { makeValidator } from '@backstage/catalog-model';
import { describeValue, textProblem } from './text';

// The catalog's default validators (KubernetesValidatorFunctions): the same rules an entity must pass to exist.
const catalogRules = makeValidator();

/** The three parts of an entity ref. */
export type EntityRefPart = 'kind' | 'namespace' | 'name';

const PART_RULES: Record<
  EntityRefPart,
  { valid: (value: string) => boolean; rule: string }
> = {
  kind: {
    valid: catalogRules.isValidKind,
    rule: '1–63 letters or digits, starting with a letter',
  },
  namespace: {
    valid: catalogRules.isValidNamespace,
    rule: '1–63 lower-case letters, digits or dashes, starting and ending with a letter or digit',
  },
  name: {
    valid: catalogRules.isValidEntityName,
    rule: '1–63 letters, digits, dashes, underscores or dots, starting and ending with a letter or digit',
  },
};

/**
 * Why `value` (already lower-cased) is not a valid `part` of a catalog entity ref, as "kind must be …
 * (got …)", or `undefined`.
 */
export function entityRefPartProblem(
  part: EntityRefPart,
  value: string,
): string | undefined {
  const problem = textProblem(value);
  if (problem) return `${part} ${problem}`;
  const { valid, rule } = PART_RULES[part];
  return valid(value)
    ? undefined
    : `${part} must be ${rule} (got ${describeValue(value)})`;
}

/** The result of {@link parseEntityRefText}: the normalised ref, or why the text is not one. */
export type EntityRefParseResult =
  | { ref: string; problem?: undefined }
  | { ref?: undefined; problem: string };

/**
 * Reads `kind:namespace/name` or `kind:name` (namespace `default`), case-insensitively, as the lower-case full
 * form; the kind is required, because an observation or a setting must say what it is about.
 */
export function parseEntityRefText(text: string): EntityRefParseResult {
  const problem = textProblem(text);
  if (problem) return { problem };
  const lower = text.trim().toLocaleLowerCase('en-US');
  const colon = lower.indexOf(':');
  if (colon < 0) {
    return { problem: 'it has no kind' };
  }
  const kind = lower.slice(0, colon);
  const rest = lower.slice(colon + 1);
  const slash = rest.indexOf('/');
  const namespace = slash < 0 ? 'default' : rest.slice(0, slash);
  const name = slash < 0 ? rest : rest.slice(slash + 1);
  for (const [part, value] of [
    ['kind', kind],
    ['namespace', namespace],
    ['name', name],
  ] as const) {
    const partProblem = entityRefPartProblem(part, value);
    if (partProblem) return { problem: `its ${partProblem}` };
  }
  return { ref: `${kind}:${namespace}/${name}` };
}

/**
 * Normalises a catalog entity ref to the lower-case full form `kind:namespace/name`, filling in the `default`
 * namespace; returns `undefined` when the text is not an entity ref with a kind.
 */
export function normaliseEntityRef(ref: string): string | undefined {
  return parseEntityRefText(ref).ref;
}
