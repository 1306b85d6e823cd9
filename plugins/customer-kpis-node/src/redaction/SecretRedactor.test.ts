import { SecretRedactor } from './SecretRedactor';

const SECRET = 'zd-secret/value+0123456789';
const b64 = (text: string) => Buffer.from(text).toString('base64');
const b64url = (text: string) => Buffer.from(text).toString('base64url');

describe('SecretRedactor', () => {
  const redactor = new SecretRedactor([SECRET]);

  it('replaces the secret as it is, wherever it stands', () => {
    expect(redactor.redact(`a ${SECRET} b ${SECRET}`)).toBe('a *** b ***');
    expect(redactor.redact(`Bearer ${SECRET}`)).toBe('Bearer ***');
  });

  it('replaces it percent-encoded, in either hex case and as form data', () => {
    const encoded = encodeURIComponent(SECRET);
    expect(encoded).toContain('%2F');
    expect(redactor.redact(`?t=${encoded}&x=1`)).toBe('?t=***&x=1');
    expect(redactor.redact(`?t=${encoded.toLowerCase()}`)).toBe('?t=***');
    const spaced = new SecretRedactor(['two words and more']);
    expect(spaced.redact('q=two+words+and+more')).toBe('q=***');
  });

  it('replaces it JSON-escaped', () => {
    const quoted = new SecretRedactor(['pa"ss\\word-1234']);
    expect(quoted.redact(JSON.stringify({ token: 'pa"ss\\word-1234' }))).toBe(
      '{"token":"***"}',
    );
  });

  it('replaces the base64 of the secret alone, standard and URL-safe, padding included', () => {
    expect(redactor.redact(`x ${b64(SECRET)} y`)).toBe('x *** y');
    expect(redactor.redact(`x ${b64url(SECRET)} y`)).toBe('x *** y');
  });

  it.each(['', 'a', 'ab', 'abc', 'kpis@acme.test/token'])(
    'replaces the whole base64 word of "%s:<secret>" (Basic authentication), at every alignment',
    user => {
      const header = `Basic ${b64(`${user}:${SECRET}`)}`;
      expect(redactor.redact(`sent ${header}.`)).toBe('sent Basic ***.');
    },
  );

  it('finds the secret inside a longer base64 blob at any offset', () => {
    for (const prefix of ['', 'x', 'xy', 'xyz', '{"k":"']) {
      const blob = b64(`${prefix}${SECRET}","more":"data here"}`);
      expect(redactor.redact(`blob=${blob};`)).toBe('blob=***;');
    }
  });

  it('replaces overlapping and nested secrets completely', () => {
    const two = new SecretRedactor(['abcdefgh1234', 'gh1234XYZWVU']);
    expect(two.redact('<abcdefgh1234XYZWVU>')).toBe('<***>');
    const nested = new SecretRedactor(['token-1234567', 'token-12345678']);
    expect(nested.redact('a token-12345678 b token-1234567 c')).toBe(
      'a *** b *** c',
    );
  });

  it('redacts even a very short secret as a substring, but does not hunt for its base64', () => {
    const short = new SecretRedactor(['ab1']);
    expect(short.redact('xab1y')).toBe('x***y');
    // a core of a 3-byte secret would be 4 characters: too short to search for without hitting unrelated words
    expect(short.redact(`id ${b64('ab1')}`)).toBe(`id ${b64('ab1')}`);
  });

  it('blanks Authorization-like fields whatever they hold, also for credentials it does not know', () => {
    const none = new SecretRedactor([]);
    expect(none.redact('Authorization: Bearer abc.def.ghi\nAccept: x')).toBe(
      'Authorization: ***\nAccept: x',
    );
    expect(
      none.redact('{"authorization":"Basic dXNlcjpwYXNz","accept":"x"}'),
    ).toBe('{"authorization":"***","accept":"x"}');
    expect(none.redact('"{\\"Proxy-Authorization\\":\\"Bearer t0k\\"}"')).toBe(
      '"{\\"Proxy-Authorization\\":\\"***\\"}"',
    );
    expect(none.redact('x-api-key: k-123, cookie: s=1')).toBe(
      'x-api-key: ***, cookie: ***',
    );
  });

  it('removes user info and secret-looking query values of URLs, and leaves other URLs exactly as written', () => {
    const none = new SecretRedactor([]);
    expect(
      none.redact('GET https://me:pw@h.example/a?access_token=t&page=2: 401'),
    ).toBe('GET https://h.example/a?access_token=***&page=2: 401');
    expect(none.redact('see https://h.example/a?page[size]=100.')).toBe(
      'see https://h.example/a?page[size]=100.',
    );
  });

  it('gives the same text back when there is nothing to redact, and is idempotent', () => {
    const text =
      'GET http://127.0.0.1:9/api/v1/query_range failed with HTTP 500';
    expect(redactor.redact(text)).toBe(text);
    const once = redactor.redact(`${SECRET} ${b64(`u:${SECRET}`)}`);
    expect(redactor.redact(once)).toBe(once);
  });

  it('redacts every string of a JSON-like value, keys included, and copies errors', () => {
    const error = new Error(`failed with ${SECRET}`);
    const value = redactor.redactValue({
      [SECRET]: [1, `x${SECRET}`, { deep: { er: SECRET } }],
      n: 2,
      ok: true,
      none: null,
      error,
    });
    expect(value).toEqual({
      '***': [1, 'x***', { deep: { er: '***' } }],
      n: 2,
      ok: true,
      none: null,
      error: expect.any(Error),
    });
    expect(value.error.message).toBe('failed with ***');
    expect(value.error.stack).not.toContain(SECRET);
    expect(error.message).toContain(SECRET);
  });

  it('knows more secrets through withSecrets, and ignores empty ones', () => {
    const more = redactor.withSecrets(['another-secret-42', '']);
    expect(more.redact(`${SECRET} another-secret-42 x`)).toBe('*** *** x');
    expect(new SecretRedactor(['']).redact('abc')).toBe('abc');
  });
});
