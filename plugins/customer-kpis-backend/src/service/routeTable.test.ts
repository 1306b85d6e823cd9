// A route added to the table is served and documented with no second edit; a table that cannot be served is refused.
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import request from 'supertest';
import { z } from 'zod';
import { BASE } from '../__testUtils__/badInput';
import {
  testCatalogFactory,
  testPermissionsFactory,
} from '../__testUtils__/catalog';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  OpenApiDocument,
  answerValidator,
  operationOf,
} from '../__testUtils__/openApiValidator';
import { createCustomerKpisPlugin } from '../plugin';
import { Route, defineRoute } from './routes/defineRoute';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const ALICE = mockCredentials.user.header('user:default/alice');
const NONE = mockCredentials.none.header();

/** A test-only route with a path parameter, a query with a default and a response. */
const echoRoute = defineRoute(
  {
    method: 'get',
    path: '/test-only/echo/:word',
    summary: 'Says a word a few times',
    access: 'authenticated',
    params: z.object({
      word: z.string().regex(/^[a-z]+$/, 'must be lower-case letters'),
    }),
    query: z.strictObject({
      times: z.coerce.number<number>().int().min(1).max(5).default(2),
    }),
    response: z.object({ words: z.array(z.string()) }),
  },
  async ({ params, query }) => ({
    words: Array.from({ length: query.times }, () => params.word),
  }),
);

/** A test-only route open to callers without credentials. */
const pingRoute = defineRoute(
  {
    method: 'get',
    path: '/test-only/ping',
    summary: 'Answers pong',
    access: 'public',
    response: z.object({ pong: z.literal(true) }),
  },
  async () => ({ pong: true as const }),
);

async function startBackend(knex: Knex, extraRoutes: readonly Route[]) {
  const { server } = await startTestBackend({
    features: [
      createCustomerKpisPlugin({ extraRoutes }),
      testCatalogFactory(),
      mockServices.database.factory({ knex }),
      testPermissionsFactory(AuthorizeResult.ALLOW),
    ],
  });
  return request(server);
}

describe.each(databases.eachSupportedId())('the route table on %p', id => {
  let knex: Knex;

  beforeEach(async () => {
    knex = await databases.init(id);
  });

  afterEach(async () => {
    await knex.destroy();
  });

  it('serves a route added to the table, parsing its input with its schemas', async () => {
    const api = await startBackend(knex, [echoRoute, pingRoute]);
    const get = (path: string, auth = ALICE) =>
      api.get(`${BASE}${path}`).set('Authorization', auth);

    expect((await get('/test-only/echo/hi')).body).toEqual({
      words: ['hi', 'hi'],
    });
    expect((await get('/test-only/echo/hi?times=3')).body.words).toHaveLength(
      3,
    );
    const badPath = await get('/test-only/echo/HI');
    expect([badPath.status, badPath.body.error.message]).toEqual([
      400,
      'Invalid path: word: must be lower-case letters',
    ]);
    const badQuery = await get('/test-only/echo/hi?times=9');
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.message).toMatch(/^Invalid query: times: /);
    // Its access as declared: the public route needs no credentials, the other does.
    expect((await get('/test-only/ping', NONE)).body).toEqual({ pong: true });
    expect((await get('/test-only/echo/hi', NONE)).status).toBe(401);
  });

  it('documents a route added to the table, and what it serves matches the document', async () => {
    const api = await startBackend(knex, [echoRoute, pingRoute]);
    const doc: OpenApiDocument = (
      await api.get(`${BASE}/openapi.json`).set('Authorization', ALICE)
    ).body;

    const echo = operationOf(doc, 'GET /test-only/echo/{word}');
    expect(echo.parameters).toEqual([
      {
        name: 'word',
        in: 'path',
        required: true,
        schema: { type: 'string', pattern: '^[a-z]+$' },
      },
      {
        name: 'times',
        in: 'query',
        required: false,
        schema: { type: 'integer', minimum: 1, maximum: 5, default: 2 },
      },
    ]);
    expect(Object.keys(echo.responses)).toEqual(['200', '400', '401', '5XX']);
    expect(
      Object.keys(operationOf(doc, 'GET /test-only/ping').responses),
    ).toEqual(['200', '400', '5XX']);

    const validate = answerValidator(doc);
    const answer = await api
      .get(`${BASE}/test-only/echo/hi`)
      .set('Authorization', ALICE);
    expect(validate('GET /test-only/echo/{word}', answer)).toEqual([]);
    const bad = await api
      .get(`${BASE}/test-only/echo/HI`)
      .set('Authorization', ALICE);
    expect(validate('GET /test-only/echo/{word}', bad)).toEqual([]);
  });

  it('refuses to start with a route defined twice, or path parameters its schema does not read', async () => {
    const twice = defineRoute(
      {
        method: 'get',
        path: '/health',
        summary: 'Another health',
        access: 'public',
      },
      async () => undefined,
    );
    await expect(startBackend(knex, [twice])).rejects.toThrow(
      'The route GET /health is defined twice',
    );

    const unread = defineRoute(
      {
        method: 'get',
        path: '/test-only/:a/:b',
        summary: 'Reads a only',
        access: 'authenticated',
        params: z.object({ a: z.string() }),
      },
      async () => undefined,
    );
    await expect(startBackend(knex, [unread])).rejects.toThrow(
      'The route GET /test-only/:a/:b has the path parameters [a,b] but its params schema reads [a]',
    );
  });
});
