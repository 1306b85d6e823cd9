// The values of a config form: from a stored config, checked against the schema's rules, and back into a config.
// A scope (the config, an item of a list, the object of a union's variant) holds its values by field key; lists and
// unions hold scopes of their own.
import {
  FieldIssue,
  checkJson,
  checkNumber,
  checkPrimitive,
  checkText,
  isRecord,
  parseJson,
  parseNumber,
  scalarBranch,
} from './fieldChecks';
import { SchemaField, fieldKey, joinKey } from './schemaFields';

export type { FieldIssue } from './fieldChecks';

/** The chosen variant of a union and the values of its fields (`variant` empty: none chosen). */
export interface UnionValue {
  variant: string;
  values: FormValues;
}

/**
 * What an input holds: text (numbers, lists of lines and JSON too, as typed), a checkbox, the chosen values of an
 * enum list, the items of an object list, or a union's choice.
 */
export type FormValue = string | boolean | string[] | FormValues[] | UnionValue;

/** The values of a scope by {@link fieldKey}. */
export interface FormValues {
  [key: string]: FormValue;
}

function valueAt(config: unknown, path: string[]) {
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
  if (path.length === 0) {
    // a union that is an item of a list: its object is the item
    Object.assign(config, value);
    return;
  }
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

/** The value of a union: the stored variant's, or for a required union without one, the first variant's. */
export function initialUnion(field: SchemaField, stored?: unknown): UnionValue {
  const variants = field.variants ?? [];
  const storedVariant = isRecord(stored)
    ? variants.find(v => v.value === stored[field.discriminator ?? ''])
    : undefined;
  const variant =
    storedVariant ?? (field.required && !stored ? variants[0] : undefined);
  return {
    variant: variant?.value ?? '',
    values: initialValues(
      variant?.fields ?? [],
      storedVariant && isRecord(stored) ? stored : undefined,
    ),
  };
}

/** The values of a new item of an object list. */
export function initialItem(field: SchemaField, stored?: unknown): FormValues {
  return initialValues(
    field.fields ?? [],
    isRecord(stored) ? stored : undefined,
  );
}

function text(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

/** The form values of `config` (a stored source's), or of an empty form: text fields empty, checkboxes at their default. */
export function initialValues(
  fields: SchemaField[],
  config?: Record<string, unknown>,
): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    const stored = valueAt(config, field.path);
    const key = fieldKey(field);
    switch (field.kind) {
      case 'object':
        Object.assign(values, initialValues(field.fields ?? [], config));
        break;
      case 'boolean':
        values[key] =
          typeof stored === 'boolean' ? stored : field.default === true;
        break;
      case 'enum-list':
        values[key] = Array.isArray(stored) ? stored.map(String) : [];
        break;
      case 'string-list':
        values[key] = Array.isArray(stored) ? stored.map(text).join('\n') : '';
        break;
      case 'object-list':
        values[key] = Array.isArray(stored)
          ? stored.map(item => initialItem(field, item))
          : [];
        break;
      case 'union':
        values[key] = initialUnion(field, stored);
        break;
      case 'json':
        values[key] =
          stored === undefined ? '' : JSON.stringify(stored, null, 2);
        break;
      default:
        values[key] = text(stored);
    }
  }
  return values;
}

/** The lines of a string list: trimmed, blank lines left out. */
export function listLines(value: FormValue | undefined): string[] {
  return typeof value === 'string'
    ? value
        .split('\n')
        .map(line => line.trim())
        .filter(Boolean)
    : [];
}

function isEmpty(field: SchemaField, value: FormValue | undefined): boolean {
  if (value === undefined || value === '') return true;
  if (field.kind === 'string-list') return listLines(value).length === 0;
  if (field.kind === 'json') return String(value).trim() === '';
  if (field.kind === 'union') return (value as UnionValue).variant === '';
  return Array.isArray(value) && value.length === 0;
}

function checkStringList(
  field: SchemaField,
  value: FormValue | undefined,
): FieldIssue | undefined {
  const lines = listLines(value);
  if (field.minItems !== undefined && lines.length < field.minItems)
    return { code: 'minEntries', limit: String(field.minItems) };
  if (field.maxItems !== undefined && lines.length > field.maxItems)
    return { code: 'maxEntries', limit: String(field.maxItems) };
  for (const [index, line] of lines.entries()) {
    const issue = field.item ? checkPrimitive(field.item, line) : undefined;
    if (issue) return { ...issue, line: index + 1 };
  }
  return undefined;
}

function checkField(
  field: SchemaField,
  value: FormValue | undefined,
): FieldIssue | undefined {
  if (isEmpty(field, value))
    return field.required ? { code: 'required' } : undefined;
  switch (field.kind) {
    case 'number':
    case 'integer':
      return checkNumber(field, String(value));
    case 'string':
    case 'credential':
      return checkText(field, String(value));
    case 'scalar':
      return scalarBranch(field, String(value)).issue;
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
    case 'string-list':
      return checkStringList(field, value);
    case 'json':
      return checkJson(field, String(value));
    default:
      return undefined;
  }
}

/** Whether nothing of a nested object was entered: every field empty, every checkbox at its default. */
function untouched(fields: SchemaField[], values: FormValues): boolean {
  return fields.every(child => {
    if (child.kind === 'object') return untouched(child.fields ?? [], values);
    const value = values[fieldKey(child)];
    if (child.kind === 'boolean')
      return value === undefined || value === (child.default === true);
    return isEmpty(child, value);
  });
}

/**
 * The broken rules by key from the config root (e.g. `questions.1.kpi`): the JSON Schema rules the form renders
 * (required, type, minimum/maximum, length, pattern, enum, uri, items, JSON syntax). An optional nested object left
 * entirely empty is not checked. `prefix` is the scope's key from the root. The backend stays the authority.
 */
export function validateValues(
  fields: SchemaField[],
  values: FormValues,
  prefix = '',
): Record<string, FieldIssue> {
  const issues: Record<string, FieldIssue> = {};
  for (const field of fields) {
    const key = joinKey(prefix, fieldKey(field));
    const value = values[fieldKey(field)];
    switch (field.kind) {
      case 'object': {
        const children = field.fields ?? [];
        if (field.required || !untouched(children, values))
          Object.assign(issues, validateValues(children, values, prefix));
        break;
      }
      case 'boolean':
        break;
      case 'union': {
        const union = value as UnionValue | undefined;
        const variant = field.variants?.find(v => v.value === union?.variant);
        if (!variant) {
          if (field.required)
            issues[joinKey(key, field.discriminator ?? '')] = {
              code: 'required',
            };
          break;
        }
        Object.assign(
          issues,
          validateValues(variant.fields, union?.values ?? {}, key),
        );
        break;
      }
      case 'object-list': {
        const items = Array.isArray(value) ? (value as FormValues[]) : [];
        if (items.length === 0 && field.required)
          issues[key] = { code: 'required' };
        else if (field.minItems !== undefined && items.length < field.minItems)
          issues[key] = { code: 'minEntries', limit: String(field.minItems) };
        else if (field.maxItems !== undefined && items.length > field.maxItems)
          issues[key] = { code: 'maxEntries', limit: String(field.maxItems) };
        items.forEach((item, index) =>
          Object.assign(
            issues,
            validateValues(field.fields ?? [], item, joinKey(key, `${index}`)),
          ),
        );
        break;
      }
      default: {
        const issue = checkField(field, value);
        if (issue) issues[key] = issue;
      }
    }
  }
  return issues;
}

function enumValue(field: SchemaField, chosen: string): unknown {
  const index = field.options?.indexOf(chosen) ?? -1;
  return field.optionValues && index >= 0 ? field.optionValues[index] : chosen;
}

function numberOr(input: string): number | string {
  return parseNumber(input) ?? input;
}

/** The config value of one field, or `undefined` to leave it out. */
function configValue(field: SchemaField, value: FormValue | undefined) {
  if (field.kind === 'boolean') {
    if (typeof value !== 'boolean') return undefined;
    // an optional checkbox without a default says nothing until it is ticked (a refinement may refuse `false`)
    return value || field.required || field.default !== undefined
      ? value
      : undefined;
  }
  if (isEmpty(field, value)) return undefined;
  switch (field.kind) {
    case 'number':
    case 'integer':
      return numberOr(String(value));
    case 'enum':
      return enumValue(field, String(value));
    case 'enum-list':
      return (value as string[]).map(v => enumValue(field, v));
    case 'scalar': {
      const { branch } = scalarBranch(field, String(value));
      return branch && branch.kind !== 'string'
        ? numberOr(String(value))
        : value;
    }
    case 'string-list':
      return listLines(value);
    case 'object-list':
      return (value as FormValues[]).map(item =>
        buildConfig(field.fields ?? [], item),
      );
    case 'union': {
      const union = value as UnionValue;
      const variant = field.variants?.find(v => v.value === union.variant);
      if (!variant) return undefined;
      return {
        [field.discriminator ?? '']: variant.value,
        ...buildConfig(variant.fields, union.values),
      };
    }
    case 'json': {
      const parsed = parseJson(String(value));
      return parsed.ok ? parsed.value : undefined;
    }
    default:
      return value;
  }
}

/**
 * The config the form describes: empty fields left out (the source type's defaults apply), numbers as numbers,
 * optional nested objects only when something in them is set, a union as its discriminator and its variant's fields, lists
 * as arrays, JSON parsed.
 */
export function buildConfig(
  fields: SchemaField[],
  values: FormValues,
): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  const visit = (list: SchemaField[]) => {
    for (const field of list) {
      if (field.kind === 'object') {
        // an optional object nobody filled in stays out, with the checkboxes it holds
        if (field.required || !untouched(field.fields ?? [], values))
          visit(field.fields ?? []);
        continue;
      }
      const value = configValue(field, values[fieldKey(field)]);
      if (value !== undefined) setAt(config, field.path, value);
    }
  };
  visit(fields);
  return config;
}

/** Every key from the config root that the form shows a message at, for the server's field messages. */
export function issueKeys(
  fields: SchemaField[],
  values: FormValues,
  prefix = '',
): string[] {
  return fields.flatMap(field => {
    const key = joinKey(prefix, fieldKey(field));
    const value = values[fieldKey(field)];
    switch (field.kind) {
      case 'object':
        return issueKeys(field.fields ?? [], values, prefix);
      case 'union': {
        const union = value as UnionValue | undefined;
        const variant = field.variants?.find(v => v.value === union?.variant);
        return [
          joinKey(key, field.discriminator ?? ''),
          ...(variant ? issueKeys(variant.fields, union!.values, key) : []),
        ];
      }
      case 'object-list':
        return [
          key,
          ...(Array.isArray(value) ? (value as FormValues[]) : []).flatMap(
            (item, index) =>
              issueKeys(field.fields ?? [], item, joinKey(key, `${index}`)),
          ),
        ];
      default:
        return [key];
    }
  });
}

/**
 * The field a server's 400 names, as the backend words a bad config (`Invalid source: config.auth.clientId: …`),
 * mapped to the nearest key the form shows (a key inside a JSON field names the JSON field). Undefined when the
 * message names no config field the form has.
 */
export function serverIssue(
  message: string | undefined,
  keys: string[],
): { key: string; issue: FieldIssue } | undefined {
  const match = message?.match(
    /^Invalid source: config\.([^\s:]+)(.*?): (.+)$/s,
  );
  if (!match) return undefined;
  const shown = new Set(keys);
  const path = match[1].split('.');
  for (let length = path.length; length > 0; length--) {
    const key = path.slice(0, length).join('.');
    if (shown.has(key))
      return { key, issue: { code: 'server', limit: match[3] } };
  }
  return undefined;
}
