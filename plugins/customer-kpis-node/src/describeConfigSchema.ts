// Turns a source type's zod config schema into JSON Schema, so that the admin page can render a form for it.
import { z } from 'zod';

/** A JSON Schema document (draft 2020-12), as produced by zod's `z.toJSONSchema`. */
export type ConfigJsonSchema = Record<string, unknown>;

/**
 * The JSON Schema of a config schema's INPUT: what an admin writes, so fields with defaults are optional and carry
 * their `default`. Parts that JSON Schema cannot express (refinements, transforms) are left out rather than failing;
 * the backend still validates with the zod schema itself.
 */
export function describeConfigSchema(schema: z.ZodType): ConfigJsonSchema {
  return z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as ConfigJsonSchema;
}
