import { HttpResponseError, fetchJsonWithRetry } from './fetchJsonWithRetry';
import { SecretRedactor } from '../redaction/SecretRedactor';
import { TestServer, sendEcho, sendJson, startTestServer } from '../testUtils';

const fast = { minTimeoutMs: 10, maxTimeoutMs: 50 };

describe('fetchJsonWithRetry', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('returns the parsed JSON body of a 2xx response', async () => {
    server = await startTestServer((_req, res) =>
      sendJson(res, 200, { ok: 1 }),
    );
    await expect(
      fetchJsonWithRetry(`${server.url}/a`, undefined, fast),
    ).resolves.toEqual({ ok: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it('retries a 5xx and returns the answer of the next attempt', async () => {
    server = await startTestServer((_req, res, index) =>
      index === 0
        ? sendJson(res, 502, { error: 'bad gateway' })
        : sendJson(res, 200, { attempt: index + 1 }),
    );
    await expect(
      fetchJsonWithRetry(server.url, undefined, fast),
    ).resolves.toEqual({ attempt: 2 });
    expect(server.requests).toHaveLength(2);
  });

  it('waits the seconds of Retry-After after a 429, not the shorter backoff', async () => {
    server = await startTestServer((_req, res, index) =>
      index === 0
        ? sendJson(res, 429, {}, { 'retry-after': '1' })
        : sendJson(res, 200, { ok: true }),
    );
    await fetchJsonWithRetry(server.url, undefined, fast);
    const gap = server.requests[1].at - server.requests[0].at;
    expect(gap).toBeGreaterThanOrEqual(990);
    // the backoff is not added on top of Retry-After
    expect(gap).toBeLessThan(1500);
  });

  it('waits until the HTTP date of Retry-After after a 503', async () => {
    server = await startTestServer((_req, res, index) =>
      index === 0
        ? sendJson(
            res,
            503,
            {},
            { 'retry-after': new Date(Date.now() + 2000).toUTCString() },
          )
        : sendJson(res, 200, { ok: true }),
    );
    await fetchJsonWithRetry(server.url, undefined, fast);
    // an HTTP date has whole seconds, so "in 2 s" is between 1 and 2 s away
    expect(
      server.requests[1].at - server.requests[0].at,
    ).toBeGreaterThanOrEqual(990);
  });

  it('fails at once on a 4xx other than 429, naming the status and the URL but not the credentials', async () => {
    server = await startTestServer((_req, res) =>
      sendJson(res, 401, { error: "Couldn't authenticate you" }),
    );
    const url = `${server.url}/api/v2/things?api_key=s3cret&page=2`;
    const failure = fetchJsonWithRetry(
      url,
      { headers: { authorization: 'Basic c2VjcmV0LXRva2Vu' } },
      fast,
    );
    await expect(failure).rejects.toBeInstanceOf(HttpResponseError);
    const error = (await failure.catch(e => e)) as HttpResponseError;
    expect(error.status).toBe(401);
    expect(error.message).toContain('HTTP 401');
    expect(error.message).toContain(
      `GET ${server.url}/api/v2/things?api_key=***&page=2`,
    );
    expect(error.message).not.toMatch(/s3cret|c2VjcmV0/);
    expect(server.requests).toHaveLength(1);
  });

  it('gives up after the configured retries with the last error', async () => {
    server = await startTestServer((_req, res) =>
      sendJson(res, 500, { error: 'boom' }),
    );
    await expect(
      fetchJsonWithRetry(server.url, undefined, { ...fast, retries: 2 }),
    ).rejects.toThrow(`GET ${server.url}/ failed with HTTP 500`);
    expect(server.requests).toHaveLength(3);
  });

  it('retries network errors and names the URL when they persist', async () => {
    server = await startTestServer((_req, res) => sendJson(res, 200, {}));
    const url = `${server.url}/gone`;
    await server.close();
    server = undefined;
    const calls: string[] = [];
    const countingFetch: typeof fetch = (input, init) => {
      calls.push(String(input));
      return fetch(input, init);
    };
    await expect(
      fetchJsonWithRetry(url, undefined, {
        ...fast,
        retries: 2,
        fetch: countingFetch,
      }),
    ).rejects.toThrow(`GET ${url} failed: `);
    expect(calls).toHaveLength(3);
  });

  it('fails at once when Retry-After asks for longer than maxRetryAfterMs', async () => {
    server = await startTestServer((_req, res) =>
      sendJson(res, 429, {}, { 'retry-after': '3600' }),
    );
    await expect(
      fetchJsonWithRetry(server.url, undefined, {
        ...fast,
        maxRetryAfterMs: 60_000,
      }),
    ).rejects.toThrow(/HTTP 429.*Retry-After of 3600000 ms exceeds/);
    expect(server.requests).toHaveLength(1);
  });

  it('stops retrying when the signal is aborted', async () => {
    server = await startTestServer((_req, res) =>
      sendJson(res, 429, {}, { 'retry-after': '30' }),
    );
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('run cancelled')), 200);
    const started = Date.now();
    await expect(
      fetchJsonWithRetry(server.url, undefined, {
        ...fast,
        signal: controller.signal,
      }),
    ).rejects.toThrow('run cancelled');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(server.requests).toHaveLength(1);
  });

  it('retries an attempt that exceeds attemptTimeoutMs', async () => {
    server = await startTestServer((_req, res, index) => {
      if (index === 0) {
        setTimeout(() => sendJson(res, 200, { late: true }), 1000);
      } else {
        sendJson(res, 200, { late: false });
      }
    });
    await expect(
      fetchJsonWithRetry(server.url, undefined, {
        ...fast,
        attemptTimeoutMs: 200,
      }),
    ).resolves.toEqual({ late: false });
  });

  it('fails at once on a body that is not JSON', async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>login</html>');
    });
    await expect(
      fetchJsonWithRetry(server.url, undefined, fast),
    ).rejects.toThrow('returned a body that is not JSON: <html>login</html>');
    expect(server.requests).toHaveLength(1);
  });

  it('does not follow a redirect, so a credential reaches only the URL it was checked for', async () => {
    server = await startTestServer((req, res) => {
      if (req.url === '/api/v1/query') {
        res.writeHead(302, { location: '/elsewhere?token=leak-me' });
        res.end();
      } else {
        sendJson(res, 200, { followed: true });
      }
    });
    const failure = fetchJsonWithRetry(
      `${server.url}/api/v1/query`,
      { headers: { authorization: 'Bearer api-secret-0123456789' } },
      fast,
    );
    await expect(failure).rejects.toThrow(HttpResponseError);
    await expect(failure).rejects.toThrow(
      `failed with HTTP 302 Found to ${server.url}/elsewhere?token=***`,
    );
    expect(server.requests.map(r => r.url)).toEqual(['/api/v1/query']);
  });

  describe('with an upstream that echoes the request in its error body', () => {
    const SECRET = 'api-secret-0123456789';
    const forms = [
      SECRET,
      encodeURIComponent(SECRET),
      Buffer.from(SECRET).toString('base64'),
      Buffer.from(`me@acme.test/token:${SECRET}`).toString('base64'),
    ];
    const failureOf = (promise: Promise<unknown>) =>
      promise.then(
        () => {
          throw new Error('expected a failure');
        },
        error => error as HttpResponseError,
      );

    it.each([401, 500])(
      'keeps the secret, in every form, out of the error of an HTTP %i',
      async status => {
        server = await startTestServer((req, res) =>
          sendEcho(req, res, status),
        );
        const error = await failureOf(
          fetchJsonWithRetry(
            `${server.url}/api?token=${SECRET}&q=${encodeURIComponent(SECRET)}`,
            {
              headers: {
                authorization: `Basic ${forms[3]}`,
                'x-upstream-debug': SECRET,
              },
            },
            {
              ...fast,
              retries: 0,
              redactor: new SecretRedactor([SECRET]),
            },
          ),
        );
        expect(error.status).toBe(status);
        // the echo is there, redacted: the test would see a leak
        expect(error.bodyText).toMatch(/^echo .*\*\*\*/);
        for (const form of forms) {
          expect(error.message).not.toContain(form);
        }
      },
    );

    it('redacts the secrets of its own request headers even without the portal redactor', async () => {
      server = await startTestServer((req, res) => sendEcho(req, res, 401));
      const error = await failureOf(
        fetchJsonWithRetry(
          `${server.url}/api`,
          { headers: { authorization: `Basic ${forms[3]}` } },
          { ...fast, retries: 0 },
        ),
      );
      expect(error.bodyText).toContain('***');
      for (const form of forms) {
        expect(error.message).not.toContain(form);
      }
    });

    it('redacts the body before cutting it, so that a secret across the cut leaks no part', async () => {
      server = await startTestServer((_req, res) => {
        res.writeHead(400, { 'content-type': 'text/plain' });
        res.end(`${'x'.repeat(290)}${SECRET} and more`);
      });
      const error = await failureOf(
        fetchJsonWithRetry(server.url, undefined, {
          ...fast,
          redactor: new SecretRedactor([SECRET]),
        }),
      );
      expect(error.bodyText).toBe(`${'x'.repeat(290)}*** and mo…`);
      expect(error.message).not.toContain(SECRET.slice(0, 6));
    });

    it('redacts and cuts a body that is not JSON', async () => {
      server = await startTestServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(`${'x'.repeat(95)}${SECRET}`);
      });
      const error = await failureOf(
        fetchJsonWithRetry(server.url, undefined, {
          ...fast,
          redactor: new SecretRedactor([SECRET]),
        }),
      );
      expect(error.message).toContain(`${'x'.repeat(95)}***`);
      expect(error.message).not.toContain(SECRET.slice(0, 5));
    });
  });
});
