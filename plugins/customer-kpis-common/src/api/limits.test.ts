import {
  coverageQuerySchema,
  entityPathSchema,
  ingestRequestSchema,
  overviewQuerySchema,
  sourceRunsQuerySchema,
} from './queries';
import { sourceDefinitionSchema, sourceDryRunRequestSchema } from './sources';

/** "path: message" of each issue, or [] when valid. */
function issues(schema: { safeParse(value: unknown): any }, value: unknown) {
  const result = schema.safeParse(value);
  return result.success
    ? []
    : result.error.issues.map(
        (i: { path: PropertyKey[]; message: string }) =>
          `${i.path.join('.')}: ${i.message}`,
      );
}

describe('path parameters', () => {
  it('reads an entity path as a normalised ref, and names the part no catalog entity can have', () => {
    expect(
      entityPathSchema.parse({
        kind: 'Component',
        namespace: 'default',
        name: 'Shop',
      }),
    ).toBe('component:default/shop');
    expect(
      issues(entityPathSchema, {
        kind: '../../',
        namespace: 'default',
        name: 'x',
      }),
    ).toEqual([
      'kind: kind must be 1–63 letters or digits, starting with a letter (got "../../")',
    ]);
    expect(
      issues(entityPathSchema, {
        kind: 'component',
        namespace: 'default',
        name: 'a\u0000b',
      }),
    ).toEqual(['name: name must not contain the NUL character (\\u0000)']);
  });
});

describe('query parameters', () => {
  it('refuses unknown parameters, so that a misspelling is not a silent default', () => {
    expect(issues(overviewQuerySchema, { windw: '30d' })).toEqual([
      ': Unrecognized key: "windw"',
    ]);
    expect(issues(coverageQuerySchema, { knd: 'system' })).toHaveLength(1);
    expect(issues(sourceRunsQuerySchema, { limt: '5' })).toHaveLength(1);
  });

  it('bounds the overview filters and reads refs as refs', () => {
    expect(
      overviewQuerySchema.parse({ owner: 'group:Team-A', kind: 'System' }),
    ).toMatchObject({ owner: 'group:default/team-a', kind: 'system' });
    expect(issues(overviewQuerySchema, { q: 'a\u0000b' })).toEqual([
      'q: must not contain the NUL character (\\u0000)',
    ]);
    expect(issues(overviewQuerySchema, { q: 'x'.repeat(201) })).toEqual([
      'q: must be at most 200 characters (got 201)',
    ]);
    expect(issues(overviewQuerySchema, { tag: 't'.repeat(64) })).toEqual([
      'tag: must be at most 63 characters (got 64)',
    ]);
    expect(issues(overviewQuerySchema, { owner: 'team-a' })).toEqual([
      'owner: must be an entity ref "kind:namespace/name", but it has no kind',
    ]);
  });
});

describe('ingest batches', () => {
  it('refuses an id twice in one batch, naming the later item and the first', () => {
    expect(
      issues(ingestRequestSchema, {
        observations: [{ id: 'a' }, { id: 'b' }, { id: ' a ' }],
      }),
    ).toEqual([
      'observations.2.id: repeats the id of item 0; each id may appear once per batch',
    ]);
  });

  it('takes retractions beside observations or alone, trimmed, with both lists defaulting to empty', () => {
    expect(ingestRequestSchema.parse({ retractions: [' a ', 'b'] })).toEqual({
      source: 'push',
      observations: [],
      retractions: ['a', 'b'],
    });
    expect(
      ingestRequestSchema.parse({
        observations: [{ id: 'a' }],
        retractions: [],
      }),
    ).toEqual({ source: 'push', observations: [{ id: 'a' }], retractions: [] });
  });

  it('refuses a batch with neither observations nor retractions', () => {
    expect(issues(ingestRequestSchema, {})).toEqual([
      'observations: must hold at least one observation, unless retractions holds at least one id',
    ]);
    expect(
      issues(ingestRequestSchema, { observations: [], retractions: [] }),
    ).toHaveLength(1);
  });

  it('refuses an id retracted twice, or both observed and retracted, naming the items', () => {
    expect(
      issues(ingestRequestSchema, { retractions: ['a', 'b', 'a '] }),
    ).toEqual([
      'retractions.2: repeats retraction 0 ("a"); each id may be retracted once per batch',
    ]);
    expect(
      issues(ingestRequestSchema, {
        observations: [{ id: 'x' }, { id: ' a' }],
        retractions: ['b', 'a'],
      }),
    ).toEqual([
      'retractions.1: "a" is also the id of observation 1; a batch may add or retract an id, not both',
    ]);
  });

  it('counts observations and retractions together against the batch limit', () => {
    expect(
      issues(ingestRequestSchema, {
        observations: Array.from({ length: 3000 }, (_, i) => ({ id: `o${i}` })),
        retractions: Array.from({ length: 2001 }, (_, i) => `r${i}`),
      }),
    ).toEqual([
      ': a batch holds at most 5000 observations and retractions together (got 3000 + 2001)',
    ]);
  });

  it('refuses unknown top-level fields', () => {
    expect(
      issues(ingestRequestSchema, { observations: [{}], sourc: 'x' }),
    ).toEqual([': Unrecognized key: "sourc"']);
  });
});

describe('source definitions', () => {
  const definition = { id: 'src', type: 'fake', config: { label: 'x' } };

  it('holds id, type and title to their column sizes', () => {
    expect(issues(sourceDefinitionSchema, definition)).toEqual([]);
    expect(
      issues(sourceDefinitionSchema, { ...definition, type: 't'.repeat(101) }),
    ).toEqual(['type: must be at most 100 characters (got 101)']);
    expect(
      issues(sourceDefinitionSchema, {
        ...definition,
        title: 'T'.repeat(201),
      }),
    ).toEqual(['title: must be at most 200 characters (got 201)']);
    expect(
      issues(sourceDefinitionSchema, { ...definition, title: 'a\ud800' }),
    ).toEqual([
      'title: must be well-formed Unicode (it holds a lone surrogate such as \\ud800)',
    ]);
  });

  it('checks every key and string of the config, at any depth', () => {
    expect(
      issues(sourceDefinitionSchema, {
        ...definition,
        config: { nested: { list: ['ok', 'a\u0000'] } },
      }),
    ).toEqual([
      'config.nested.list.1: must not contain the NUL character (\\u0000)',
    ]);
    expect(
      issues(sourceDefinitionSchema, {
        ...definition,
        config: { nested: { constructor: 'x' } },
      }),
    ).toEqual([
      'config.nested.constructor: is not allowed as a key (prototype key)',
    ]);
    expect(
      issues(sourceDefinitionSchema, {
        ...definition,
        config: { query: 'q'.repeat(10_001) },
      }),
    ).toEqual(['config.query: must be at most 10000 characters (got 10001)']);
    let deep: unknown = 'leaf';
    for (let i = 0; i < 10; i++) deep = { d: deep };
    expect(
      issues(sourceDefinitionSchema, { ...definition, config: deep }),
    ).toEqual(['config.d.d.d.d.d.d.d.d: must nest at most 8 levels']);
  });

  it('refuses unknown fields in the definition, its schedule and a dry run', () => {
    expect(
      issues(sourceDefinitionSchema, { ...definition, shedule: {} }),
    ).toEqual([': Unrecognized key: "shedule"']);
    expect(
      issues(sourceDefinitionSchema, {
        ...definition,
        schedule: { frequency: { minutes: 5 }, timeot: { minutes: 1 } },
      }),
    ).toEqual(['schedule: Unrecognized key: "timeot"']);
    expect(
      issues(sourceDryRunRequestSchema, { type: 'fake', extra: 1 }),
    ).toEqual([': Unrecognized key: "extra"']);
  });
});
