import { z } from 'zod';
import { parseJsonAnswer } from './jsonAnswer';
import { retryOptionsOf } from './retryConfig';

describe('parseJsonAnswer', () => {
  const schema = z.object({ items: z.array(z.object({ id: z.number() })) });

  it('returns the parsed answer', () => {
    expect(
      parseJsonAnswer(schema, { items: [{ id: 1 }], extra: true }, 'X'),
    ).toEqual({ items: [{ id: 1 }] });
  });

  it('names the answer and the paths of the first three issues, never a value', () => {
    const body = { items: [1, 2, 3, 4].map(() => ({ id: 'secret-value' })) };
    const error = (() => {
      try {
        parseJsonAnswer(schema, body, 'Tool answered /api/items');
        return undefined;
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toMatch(
      /^Tool answered \/api\/items in an unexpected shape: items\.0\.id: .+; items\.1\.id: .+; items\.2\.id: [^;]+$/,
    );
    expect(error?.message).not.toContain('secret-value');
  });
});

describe('retryOptionsOf', () => {
  it('caps the backoff at a minute unless the first delay is longer', () => {
    expect(retryOptionsOf({ retries: 3, minRetryDelayMs: 500 })).toEqual({
      retries: 3,
      minTimeoutMs: 500,
      maxTimeoutMs: 60_000,
    });
    expect(retryOptionsOf({ retries: 0, minRetryDelayMs: 90_000 })).toEqual({
      retries: 0,
      minTimeoutMs: 90_000,
      maxTimeoutMs: 90_000,
    });
  });
});

describe('parseJsonAnswer of a body of the wrong type', () => {
  it('names the body itself as (body)', () => {
    expect(() =>
      parseJsonAnswer(z.object({ a: z.number() }), [1], 'Tool answered /x'),
    ).toThrow(/^Tool answered \/x in an unexpected shape: \(body\): /);
  });
});
