// The values of a config form: from a stored config, checked against the schema's rules, and back into a config.
import { SchemaField, fieldKey, isStatedLimit } from './schemaFields';

/** What an input holds: text (numbers too, as typed), a checkbox, or the chosen values of an enum list. */
export type FormValue = string | boolean | string[];

/** The values of a config form by {@link fieldKey}. */
export type FormValues = Record<string, FormValue>;

/** A broken rule of a field; `limit` is the rule's number or pattern, for the message. */
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
    | 'pattern'
    | 'enum'
    | 'uri'
    | 'email';
  limit?: string;
}

function valueAt(config: Record<string, unknown> | undefined, path: string[]) {
  let current: unknown = config;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function setAt(
  config: Record<string, unknown>,
  path: string[],
  value: unknown,
) {
  let current = config;
  for (const key of path.slice(0, -1)) {
    const next = current[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) {
      current[key] = {};
    }
    current = current[key] as Record<string, unknown>;
  }
  current[path[path.length - 1]] = value;
}

/** The form values of `config` (a stored source's), or of an empty form: text fields empty, checkboxes at their default. */
export function initialValues(
  fields: SchemaField[],
  config?: Record<string, unknown>,
): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    const stored = valueAt(config, field.path);
    switch (field.kind) {
      case 'object':
        Object.assign(values, initialValues(field.fields ?? [], config));
        break;
      case 'boolean':
        values[fieldKey(field)] =
          typeof stored === 'boolean' ? stored : field.default === true;
        break;
      case 'enum-list':
        values[fieldKey(field)] = Array.isArray(stored)
          ? stored.map(String)
          : [];
        break;
      case 'unsupported':
        break;
      default:
        values[fieldKey(field)] =
          stored === undefined || stored === null ? '' : String(stored);
    }
  }
  return values;
}

function isEmpty(value: FormValue | undefined): boolean {
  return (
    value === undefined ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}

function parseNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const number = Number(trimmed);
  return Number.isFinite(number) ? number : undefined;
}

function checkNumber(field: SchemaField, text: string): FieldIssue | undefined {
  const number = parseNumber(text);
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

function hasHost(text: string): boolean {
  try {
    return new URL(text).host !== '';
  } catch {
    return false;
  }
}

function checkText(field: SchemaField, text: string): FieldIssue | undefined {
  if (field.minLength !== undefined && text.length < field.minLength)
    return { code: 'minLength', limit: String(field.minLength) };
  if (field.maxLength !== undefined && text.length > field.maxLength)
    return { code: 'maxLength', limit: String(field.maxLength) };
  if (field.pattern !== undefined) {
    let pattern: RegExp | undefined;
    try {
      pattern = new RegExp(field.pattern, 'u');
    } catch {
      pattern = undefined; // a pattern this browser cannot compile is left to the backend
    }
    if (pattern && !pattern.test(text))
      return { code: 'pattern', limit: field.pattern };
  }
  // stricter than WHATWG, which accepts "prometheus:9090" as a URL of scheme "prometheus:": a base URL needs a host
  if (field.format === 'uri' && !hasHost(text)) return { code: 'uri' };
  if (field.format === 'email' && !/^[^\s@]+@[^\s@]+$/.test(text))
    return { code: 'email' };
  return undefined;
}

function checkField(
  field: SchemaField,
  value: FormValue | undefined,
): FieldIssue | undefined {
  if (isEmpty(value)) return field.required ? { code: 'required' } : undefined;
  switch (field.kind) {
    case 'number':
    case 'integer':
      return checkNumber(field, String(value));
    case 'string':
    case 'credential':
      return checkText(field, String(value));
    case 'enum':
      return field.options?.includes(String(value))
        ? undefined
        : { code: 'enum', limit: field.options?.join(', ') };
    case 'enum-list': {
      const chosen = value as string[];
      if (field.minItems !== undefined && chosen.length < field.minItems)
        return { code: 'minItems', limit: String(field.minItems) };
      return chosen.every(v => field.options?.includes(v))
        ? undefined
        : { code: 'enum', limit: field.options?.join(', ') };
    }
    default:
      return undefined;
  }
}

/**
 * The broken rules by field key: the JSON Schema rules the form renders (required, type, minimum/maximum, length,
 * pattern, enum, uri). An optional nested object left entirely empty is not checked. The backend stays the authority.
 */
export function validateValues(
  fields: SchemaField[],
  values: FormValues,
): Record<string, FieldIssue> {
  const issues: Record<string, FieldIssue> = {};
  for (const field of fields) {
    if (field.kind === 'object') {
      const children = field.fields ?? [];
      const untouched = children.every(
        child =>
          child.kind === 'object' ||
          child.kind === 'boolean' ||
          isEmpty(values[fieldKey(child)]),
      );
      if (!field.required && untouched) continue;
      Object.assign(issues, validateValues(children, values));
      continue;
    }
    if (field.kind === 'unsupported' || field.kind === 'boolean') continue;
    const issue = checkField(field, values[fieldKey(field)]);
    if (issue) issues[fieldKey(field)] = issue;
  }
  return issues;
}

/**
 * The config the form describes: empty fields left out (the source type's defaults apply), numbers as numbers,
 * nested objects only when something in them is set. Values of fields the form cannot edit are kept from `previous`.
 */
export function buildConfig(
  fields: SchemaField[],
  values: FormValues,
  previous?: Record<string, unknown>,
): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  const visit = (list: SchemaField[]) => {
    for (const field of list) {
      const value = values[fieldKey(field)];
      switch (field.kind) {
        case 'object':
          visit(field.fields ?? []);
          break;
        case 'unsupported': {
          const kept = valueAt(previous, field.path);
          if (kept !== undefined) setAt(config, field.path, kept);
          break;
        }
        case 'boolean':
          if (typeof value === 'boolean') setAt(config, field.path, value);
          break;
        case 'number':
        case 'integer':
          if (!isEmpty(value)) {
            const number = parseNumber(String(value));
            setAt(config, field.path, number ?? value);
          }
          break;
        default:
          if (!isEmpty(value)) setAt(config, field.path, value);
      }
    }
  };
  visit(fields);
  return config;
}
