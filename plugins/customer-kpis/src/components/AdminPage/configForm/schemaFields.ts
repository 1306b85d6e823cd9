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
  /** A list of free texts, one per line. */
  | 'string-list'
  /** A list of objects (or of unions), each item a group of its own fields. */
  | 'object-list'
  /** A discriminated union of objects: a choice of the variant, then that variant's fields. */
  | 'union'
  /** A union of a string and a number (e.g. an id written either way): one text input. */
  | 'scalar'
  /** Anything else (records, maps, lists of numbers…): JSON text. */
  | 'json';

/** One variant of a discriminated union. */
export interface UnionVariant {
  /** The discriminator's value, e.g. `oauth`. */
  value: string;
  /** What the select shows: the variant's title or description with its value, or the value alone. */
  label: string;
  description?: string;
  /** The variant's fields, without the discriminator, with paths from the union's object (a scope of its own). */
  fields: SchemaField[];
}

/** One field of a config form, with the JSON Schema rules the form checks. */
export interface SchemaField {
  /** The key inside its object. */
  name: string;
  /**
   * The keys from the root of the field's scope, e.g. ['queries', 'dau']: the config, an item of a list, or the
   * object of a union's variant. Empty for the union that is an item of a list.
   */
  path: string[];
  kind: FieldKind;
  required: boolean;
  /** The schema's human name of the field (zod's `.meta({ title })`); see {@link fieldLabel}. */
  title?: string;
  description?: string;
  default?: unknown;
  /** Allowed values of an enum or enum list, as the select shows them. */
  options?: string[];
  /** The values behind {@link SchemaField.options} when they are not all strings (e.g. the numbers 5 and 7). */
  optionValues?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  /** A longer text (a value of a map keyed by a fixed set, such as one query per KPI): a multi-line input. */
  multiline?: boolean;
  /** The fields of a nested object; of each item of an object list (paths from the item). */
  fields?: SchemaField[];
  /** The rules of each line of a string list. */
  item?: SchemaField;
  /** A union: the property whose constant tells the variants apart, and the variants. */
  discriminator?: string;
  /** A union: the title of its discriminator property, from the first variant that gives one. */
  discriminatorTitle?: string;
  variants?: UnionVariant[];
  /** A scalar union: the string and number branches, in the schema's order. */
  branches?: SchemaField[];
  /** A JSON field: the JSON type the schema expects, when it says one. */
  jsonType?: 'object' | 'array';
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

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

type Primitive = string | number | boolean;

function isPrimitive(value: unknown): value is Primitive {
  return ['string', 'number', 'boolean'].includes(typeof value);
}

/** The branches of a `oneOf`/`anyOf`, without a `null` branch (zod's `.nullable()`): null is never entered here. */
function unionBranches(schema: JsonSchema): JsonSchema[] | undefined {
  const list = [schema.oneOf, schema.anyOf].find(Array.isArray);
  if (!list || !list.every(isSchema)) return undefined;
  return list.filter(branch => branch.type !== 'null');
}

/** A schema with its single non-null union branch merged in (`.nullable()`, `.optional()` wrappers). */
function unwrap(schema: JsonSchema): JsonSchema {
  const branches = unionBranches(schema);
  if (branches && branches.length === 1) {
    const { oneOf: _oneOf, anyOf: _anyOf, ...rest } = schema;
    return unwrap({ ...branches[0], ...rest });
  }
  return schema;
}

/** The constant values a schema allows: an enum, a const, or a union of consts. */
function constants(schema: JsonSchema): Primitive[] | undefined {
  if (Array.isArray(schema.enum) && schema.enum.every(isPrimitive))
    return schema.enum;
  if (isPrimitive(schema.const)) return [schema.const];
  const branches = unionBranches(schema);
  if (branches && branches.length > 0) {
    const values = branches.map(constants);
    if (values.every(v => v !== undefined)) return values.flat() as Primitive[];
  }
  return undefined;
}

function isObjectSchema(schema: JsonSchema): boolean {
  return schema.type === 'object' && isSchema(schema.properties);
}

/** The property whose constant differs in every branch, if there is one (the order of properties decides). */
function discriminatorOf(branches: JsonSchema[]): string | undefined {
  if (branches.length < 2 || !branches.every(isObjectSchema)) return undefined;
  const first = branches[0].properties as JsonSchema;
  return Object.keys(first).find(name => {
    const values = branches.map(branch => {
      const property = (branch.properties as JsonSchema)[name];
      const value = isSchema(property) ? constants(property) : undefined;
      return value?.length === 1 && typeof value[0] === 'string'
        ? value[0]
        : undefined;
    });
    return (
      values.every(v => v !== undefined) &&
      new Set(values).size === values.length
    );
  });
}

/** A map keyed by a fixed set of names (`z.partialRecord(z.enum(…), …)`): the object of those optional keys. */
function recordAsObject(schema: JsonSchema): JsonSchema | undefined {
  const keys = isSchema(schema.propertyNames)
    ? constants(schema.propertyNames)
    : undefined;
  const value = schema.additionalProperties;
  if (!keys || !keys.every(k => typeof k === 'string') || !isSchema(value))
    return undefined;
  const valueKind = unwrap(value).type;
  if (!['string', 'number', 'integer', 'boolean'].includes(String(valueKind)))
    return undefined;
  const properties = Object.fromEntries(
    keys.map(key => [
      key,
      { ...value, ...(valueKind === 'string' ? { 'x-multiline': true } : {}) },
    ]),
  );
  return {
    type: 'object',
    properties,
    title: schema.title,
    description: schema.description,
  };
}

/** Whether a property names a credential: `credential`, or a name ending in `Credential` (`apiKeyCredential`). */
export function isCredentialName(name: string): boolean {
  return name === 'credential' || /[a-z0-9]Credential$/.test(name);
}

function kindOf(name: string, schema: JsonSchema): FieldKind {
  const values = constants(schema);
  if (values && values.length > 0 && values.every(v => typeof v !== 'boolean'))
    return 'enum';
  const branches = unionBranches(schema);
  if (branches) {
    if (discriminatorOf(branches)) return 'union';
    const types = branches.map(branch => unwrap(branch).type);
    if (
      types.includes('string') &&
      types.every(t => t === 'string' || t === 'number' || t === 'integer')
    )
      return 'scalar';
    return 'json';
  }
  switch (schema.type) {
    case 'string':
      // A credential is always chosen by NAME from the server's list, never typed.
      return isCredentialName(name) ? 'credential' : 'string';
    case 'number':
      return 'number';
    case 'integer':
      return 'integer';
    case 'boolean':
      return 'boolean';
    case 'object':
      return isSchema(schema.properties) ? 'object' : 'json';
    case 'array': {
      const items = isSchema(schema.items) ? unwrap(schema.items) : undefined;
      if (!items) return 'json';
      if (constants(items)) return 'enum-list';
      if (items.type === 'string') return 'string-list';
      const itemBranches = unionBranches(items);
      if (
        isObjectSchema(items) ||
        (itemBranches && discriminatorOf(itemBranches))
      )
        return 'object-list';
      return 'json';
    }
    default:
      return 'json';
  }
}

function variantLabel(value: string, branch: JsonSchema): string {
  const title =
    stringOrUndefined(branch.title) ?? stringOrUndefined(branch.description);
  return title ? `${title} (${value})` : value;
}

function fieldOf(
  name: string,
  raw: JsonSchema,
  path: string[],
  required: boolean,
): SchemaField {
  const record = raw.type === 'object' ? recordAsObject(raw) : undefined;
  const property = record ?? unwrap(raw);
  const kind = kindOf(name, property);
  const field: SchemaField = {
    name,
    path,
    kind,
    required,
    title: stringOrUndefined(property.title)?.trim() || undefined,
    description: stringOrUndefined(property.description),
    default: property.default,
    minimum: numberOrUndefined(property.minimum),
    maximum: numberOrUndefined(property.maximum),
    exclusiveMinimum: numberOrUndefined(property.exclusiveMinimum),
    exclusiveMaximum: numberOrUndefined(property.exclusiveMaximum),
    minLength: numberOrUndefined(property.minLength),
    maxLength: numberOrUndefined(property.maxLength),
    minItems: numberOrUndefined(property.minItems),
    maxItems: numberOrUndefined(property.maxItems),
    pattern: stringOrUndefined(property.pattern),
    format: stringOrUndefined(property.format),
    ...(property['x-multiline'] === true ? { multiline: true } : {}),
  };
  switch (kind) {
    case 'enum':
    case 'enum-list': {
      const values = constants(
        kind === 'enum' ? property : unwrap(property.items as JsonSchema),
      ) as Primitive[];
      field.options = values.map(String);
      if (!values.every(v => typeof v === 'string'))
        field.optionValues = values;
      break;
    }
    case 'object':
      field.fields = fieldsAt(property, path);
      break;
    case 'string-list':
      field.item = fieldOf(
        name,
        unwrap(property.items as JsonSchema),
        [],
        true,
      );
      break;
    case 'object-list': {
      const items = unwrap(property.items as JsonSchema);
      field.fields = isObjectSchema(items)
        ? fieldsAt(items, [])
        : [fieldOf(name, items, [], true)];
      break;
    }
    case 'union': {
      const branches = unionBranches(property) ?? [];
      const discriminator = discriminatorOf(branches)!;
      field.discriminator = discriminator;
      field.discriminatorTitle = branches
        .map(branch => (branch.properties as JsonSchema)[discriminator])
        .map(constant =>
          isSchema(constant) ? stringOrUndefined(constant.title) : undefined,
        )
        .find(Boolean);
      field.variants = branches.map(branch => {
        const value = constants(
          (branch.properties as JsonSchema)[discriminator] as JsonSchema,
        )![0] as string;
        return {
          value,
          label: variantLabel(value, branch),
          description: stringOrUndefined(branch.description),
          fields: fieldsAt(branch, [], discriminator),
        };
      });
      break;
    }
    case 'scalar':
      field.branches = (unionBranches(property) ?? []).map(branch =>
        fieldOf(name, unwrap(branch), path, required),
      );
      break;
    case 'json':
      if (property.type === 'object' || property.type === 'array')
        field.jsonType = property.type;
      break;
    default:
  }
  return field;
}

/**
 * The fields of an object schema. `base` is the path of the object in its scope (the fields' paths continue it);
 * `omit` leaves out a union's discriminator, which the variant's select stands for.
 */
function fieldsAt(
  schema: JsonSchema,
  base: string[],
  omit?: string,
): SchemaField[] {
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = new Set(
    Array.isArray(schema.required) ? (schema.required as string[]) : [],
  );
  return Object.entries(properties).flatMap(([name, property]) =>
    isSchema(property) && name !== omit
      ? [fieldOf(name, property, [...base, name], required.has(name))]
      : [],
  );
}

/** The fields of a config schema, in the schema's order; nested objects carry their own fields. */
export function schemaFields(schema: Record<string, unknown>): SchemaField[] {
  return fieldsAt(schema, []);
}

/**
 * A key as words, for a field whose schema has no title: `answersPerDay` → "Answers per day", `time-to-value` →
 * "Time to value". Words in capitals (`URL`, `KPI`) stay as they are.
 */
export function humaniseKey(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map(word => (/^[A-Z0-9]+$/.test(word) ? word : word.toLowerCase()));
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What a field is called in the form: its schema's title, else its key as words. */
export function fieldLabel(field: Pick<SchemaField, 'name' | 'title'>): string {
  return field.title ?? humaniseKey(field.name);
}

/** What a union's variant select is called: its discriminator's title, else the discriminator as words. */
export function discriminatorLabel(
  field: Pick<SchemaField, 'discriminator' | 'discriminatorTitle'>,
): string {
  return field.discriminatorTitle ?? humaniseKey(field.discriminator ?? '');
}

/** The key of a field in its scope's values: its path joined with dots (empty for a union that is a list item). */
export function fieldKey(field: Pick<SchemaField, 'path'>): string {
  return field.path.join('.');
}

/** A key from the config root: a scope's prefix (e.g. `questions.0`) and a key in the scope. */
export function joinKey(prefix: string, key: string): string {
  return [prefix, key].filter(Boolean).join('.');
}

/** Every field that holds a value in its scope (plain nested objects flattened), in the schema's order. */
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
