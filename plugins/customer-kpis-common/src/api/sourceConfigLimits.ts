// The limits of a source's free-form config: every key and string well-formed and bounded, no prototype keys, a
// bounded depth and size, whatever the source type's own schema says later.
import { boundedTextProblem } from '../observations/text';

/** The limits of a source config. */
export const SOURCE_CONFIG_LIMITS = {
  /** Characters of one key. */
  key: 100,
  /** Characters of one string value: room for a long query or selector. */
  string: 10_000,
  /** Nesting of objects and arrays. */
  depth: 8,
  /** Characters of the whole config as JSON (it is stored as JSON text). */
  json: 100_000,
} as const;

/** Keys that would reach an object's prototype when copied with plain assignment. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** One reason a config is refused: the path inside the config and a message. */
// A type, not an interface, so that it passes as a zod issue (which has an index signature).
export type ConfigValueIssue = {
  code: 'custom';
  path: (string | number)[];
  message: string;
};

/** Why `config` cannot be stored, as zod issues with paths inside it; empty when it can. */
export function configValueIssues(
  config: Record<string, unknown>,
): ConfigValueIssue[] {
  const issues: ConfigValueIssue[] = [];
  const issue = (path: (string | number)[], message: string) =>
    issues.push({ code: 'custom', path, message });

  const walk = (value: unknown, path: (string | number)[]): void => {
    if (typeof value === 'string') {
      const problem = boundedTextProblem(value, SOURCE_CONFIG_LIMITS.string, 0);
      if (problem) issue(path, problem);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    if (path.length >= SOURCE_CONFIG_LIMITS.depth) {
      issue(path, `must nest at most ${SOURCE_CONFIG_LIMITS.depth} levels`);
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, [...path, index]));
      return;
    }
    for (const [key, item] of Object.entries(value)) {
      if (PROTOTYPE_KEYS.has(key)) {
        issue([...path, key], 'is not allowed as a key (prototype key)');
        continue;
      }
      const keyProblem = boundedTextProblem(key, SOURCE_CONFIG_LIMITS.key);
      if (keyProblem) {
        issue(path, `key ${JSON.stringify(key.slice(0, 40))} ${keyProblem}`);
        continue;
      }
      walk(item, [...path, key]);
    }
  };

  walk(config, []);
  if (issues.length === 0) {
    const size = JSON.stringify(config).length;
    if (size > SOURCE_CONFIG_LIMITS.json)
      issue(
        [],
        `must be at most ${SOURCE_CONFIG_LIMITS.json} characters as JSON (got ${size})`,
      );
  }
  return issues;
}
