// The rules of one value as the JSON Schema states them: numbers and their limits, texts (length, pattern, URL,
// email), the branch of a string-or-number union that takes a text, and JSON syntax and type.
import { SchemaField, isStatedLimit } from './schemaFields';

/** A broken rule of a field; `limit` is the rule's number or pattern, for the message; `line` the line of a list. */
export interface FieldIssue {
  code:
    | 'required'
    | 'number'
    | 'integer'
    | 'minimum'
    | 'maximum'
    | 'exclusiveMinimum'
    | 'exclusiveMaximum'
    | 'minLength'
    | 'maxLength'
    | 'minItems'
    | 'minEntries'
    | 'maxEntries'
    | 'pattern'
    | 'enum'
    | 'uri'
    | 'email'
    | 'json'
    | 'jsonObject'
    | 'jsonArray'
    /** The server's message for the field, in `limit`. */
    | 'server';
  limit?: string;
  line?: number;
}

/** Whether a value is a plain object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseNumber(input: string): number | undefined {
  const trimmed = input.trim();
  if (trimmed === '') return undefined;
  const number = Number(trimmed);
  return Number.isFinite(number) ? number : undefined;
}

export function checkNumber(
  field: SchemaField,
  input: string,
): FieldIssue | undefined {
  const number = parseNumber(input);
  if (number === undefined) return { code: 'number' };
  if (field.kind === 'integer' && !Number.isInteger(number))
    return { code: 'integer' };
  if (isStatedLimit(field.minimum) && number < field.minimum)
    return { code: 'minimum', limit: String(field.minimum) };
  if (isStatedLimit(field.maximum) && number > field.maximum)
    return { code: 'maximum', limit: String(field.maximum) };
  if (field.exclusiveMinimum !== undefined && number <= field.exclusiveMinimum)
    return { code: 'exclusiveMinimum', limit: String(field.exclusiveMinimum) };
  if (field.exclusiveMaximum !== undefined && number >= field.exclusiveMaximum)
    return { code: 'exclusiveMaximum', limit: String(field.exclusiveMaximum) };
  return undefined;
}

export function hasHost(input: string): boolean {
  try {
    return new URL(input).host !== '';
  } catch {
    return false;
  }
}

export function checkText(
  field: SchemaField,
  input: string,
): FieldIssue | undefined {
  if (field.minLength !== undefined && input.length < field.minLength)
    return { code: 'minLength', limit: String(field.minLength) };
  if (field.maxLength !== undefined && input.length > field.maxLength)
    return { code: 'maxLength', limit: String(field.maxLength) };
  if (field.pattern !== undefined) {
    let pattern: RegExp | undefined;
    try {
      pattern = new RegExp(field.pattern, 'u');
    } catch {
      pattern = undefined; // a pattern this browser cannot compile is left to the backend
    }
    if (pattern && !pattern.test(input))
      return { code: 'pattern', limit: field.pattern };
  }
  // stricter than WHATWG, which accepts "prometheus:9090" as a URL of scheme "prometheus:": a base URL needs a host
  if (field.format === 'uri' && !hasHost(input)) return { code: 'uri' };
  if (field.format === 'email' && !/^[^\s@]+@[^\s@]+$/.test(input))
    return { code: 'email' };
  return undefined;
}

export function checkPrimitive(
  field: SchemaField,
  input: string,
): FieldIssue | undefined {
  return field.kind === 'number' || field.kind === 'integer'
    ? checkNumber(field, input)
    : checkText(field, input);
}

/**
 * The branch of a scalar union that takes `input`: the first, in the schema's order, whose rules it meets; otherwise
 * the branch of its apparent kind, with the broken rule.
 */
export function scalarBranch(field: SchemaField, input: string) {
  const branches = field.branches ?? [];
  for (const branch of branches) {
    if (!checkPrimitive(branch, input)) return { branch };
  }
  const numeric = parseNumber(input) !== undefined;
  const branch =
    branches.find(b => (b.kind !== 'string') === numeric) ?? branches[0];
  return { branch, issue: branch ? checkPrimitive(branch, input) : undefined };
}

export function parseJson(
  input: string,
): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(input) };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

export function checkJson(
  field: SchemaField,
  input: string,
): FieldIssue | undefined {
  const parsed = parseJson(input);
  if (!parsed.ok) return { code: 'json', limit: parsed.message };
  if (field.jsonType === 'object' && !isRecord(parsed.value))
    return { code: 'jsonObject' };
  if (field.jsonType === 'array' && !Array.isArray(parsed.value))
    return { code: 'jsonArray' };
  return undefined;
}
