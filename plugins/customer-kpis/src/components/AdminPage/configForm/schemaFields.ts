// Reads a source type's config JSON Schema (zod's `z.toJSONSchema`, input side) into the fields the admin form renders.

/** How a field is edited. */
export type FieldKind =
  | 'string'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'enum'
  | 'enum-list'
  | 'credential'
  | 'object'
  | 'unsupported';

/** One field of a config form, with the JSON Schema rules the form checks. */
export interface SchemaField {
  /** The key inside its object. */
  name: string;
  /** The keys from the config root, e.g. ['queries', 'dau']. */
  path: string[];
  kind: FieldKind;
  required: boolean;
  description?: string;
  default?: unknown;
  /** Allowed values of an enum or enum list. */
  options?: string[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  pattern?: string;
  format?: string;
  /** The fields of a nested object. */
  fields?: SchemaField[];
}

type JsonSchema = Record<string, unknown>;

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value)
    ? value
    : undefined;
}

function stringEnum(schema: JsonSchema): string[] | undefined {
  const values = Array.isArray(schema.enum) ? schema.enum : undefined;
  if (values && values.every(v => typeof v === 'string')) return values;
  if (typeof schema.const === 'string') return [schema.const];
  return undefined;
}

function kindOf(name: string, schema: JsonSchema): FieldKind {
  if (stringEnum(schema)) return 'enum';
  switch (schema.type) {
    case 'string':
      // A credential is always chosen by NAME from the server's list, never typed.
      return name === 'credential' ? 'credential' : 'string';
    case 'number':
      return 'number';
    case 'integer':
      return 'integer';
    case 'boolean':
      return 'boolean';
    case 'object':
      return isSchema(schema.properties) ? 'object' : 'unsupported';
    case 'array':
      return isSchema(schema.items) && stringEnum(schema.items)
        ? 'enum-list'
        : 'unsupported';
    default:
      return 'unsupported';
  }
}

function optionsOf(kind: FieldKind, schema: JsonSchema) {
  if (kind === 'enum') return stringEnum(schema);
  if (kind === 'enum-list') return stringEnum(schema.items as JsonSchema);
  return undefined;
}

function fieldsAt(schema: JsonSchema, path: string[]): SchemaField[] {
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = new Set(
    Array.isArray(schema.required) ? (schema.required as string[]) : [],
  );
  return Object.entries(properties).flatMap(([name, property]) => {
    if (!isSchema(property)) return [];
    const kind = kindOf(name, property);
    const fieldPath = [...path, name];
    const field: SchemaField = {
      name,
      path: fieldPath,
      kind,
      required: required.has(name),
      description:
        typeof property.description === 'string'
          ? property.description
          : undefined,
      default: property.default,
      options: optionsOf(kind, property),
      minimum: numberOrUndefined(property.minimum),
      maximum: numberOrUndefined(property.maximum),
      exclusiveMinimum: numberOrUndefined(property.exclusiveMinimum),
      exclusiveMaximum: numberOrUndefined(property.exclusiveMaximum),
      minLength: numberOrUndefined(property.minLength),
      maxLength: numberOrUndefined(property.maxLength),
      minItems: numberOrUndefined(property.minItems),
      pattern:
        typeof property.pattern === 'string' ? property.pattern : undefined,
      format: typeof property.format === 'string' ? property.format : undefined,
    };
    if (kind === 'object') field.fields = fieldsAt(property, fieldPath);
    return [field];
  });
}

/** The fields of a config schema, in the schema's order; nested objects carry their own fields. */
export function schemaFields(schema: Record<string, unknown>): SchemaField[] {
  return fieldsAt(schema, []);
}

/** The form key of a field: its path joined with dots. */
export function fieldKey(field: Pick<SchemaField, 'path'>): string {
  return field.path.join('.');
}

/** Every field that holds a value (nested objects flattened), in the schema's order. */
export function leafFields(fields: SchemaField[]): SchemaField[] {
  return fields.flatMap(field =>
    field.kind === 'object' ? leafFields(field.fields ?? []) : [field],
  );
}

/**
 * zod writes `Number.MAX_SAFE_INTEGER` as the maximum of every `.int()`: a limit nobody chose, so the form does not
 * show it.
 */
export function isStatedLimit(limit: number | undefined): limit is number {
  return (
    limit !== undefined &&
    Math.abs(limit) !== Number.MAX_SAFE_INTEGER &&
    Number.isFinite(limit)
  );
}
