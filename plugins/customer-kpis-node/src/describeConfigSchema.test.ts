import { z } from 'zod';
import { describeConfigSchema } from './describeConfigSchema';

describe('describeConfigSchema', () => {
  it('describes the input of a config schema, defaults optional and shown', () => {
    const schema = z.object({
      baseUrl: z.url().describe('Where the API is'),
      credential: z.string().optional(),
      days: z.number().int().min(1).default(30),
    });
    expect(describeConfigSchema(schema)).toEqual({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: {
        baseUrl: {
          type: 'string',
          format: 'uri',
          description: 'Where the API is',
        },
        credential: { type: 'string' },
        days: {
          type: 'integer',
          minimum: 1,
          maximum: Number.MAX_SAFE_INTEGER,
          default: 30,
        },
      },
      required: ['baseUrl'],
    });
  });

  it('does not fail on parts JSON Schema cannot express', () => {
    const schema = z
      .object({ a: z.string().transform(s => s.length) })
      .refine(v => v.a > 0);
    expect(describeConfigSchema(schema)).toMatchObject({ type: 'object' });
  });
});
