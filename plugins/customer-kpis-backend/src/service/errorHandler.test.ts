// Server errors reach the caller as a log id only: no stack, no request, no SQL, even with NODE_ENV=development.
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import request from 'supertest';
import { testCatalogFactory } from '../__testUtils__/catalog';
import { createTestDatabases } from '../__testUtils__/databases';
import { customerKpisPlugin } from '../plugin';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const ALICE = mockCredentials.user.header('user:default/alice');

describe.each(databases.eachSupportedId())(
  'server errors on %p',
  databaseId => {
    let knex: Knex;
    const nodeEnv = process.env.NODE_ENV;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
    });

    afterEach(() => {
      process.env.NODE_ENV = nodeEnv;
    });

    async function startBackend() {
      const { server } = await startTestBackend({
        features: [
          customerKpisPlugin,
          testCatalogFactory(),
          mockServices.database.factory({ knex }),
          mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        ],
      });
      return request(server);
    }

    it.each(['development', 'production'])(
      'answers a failing database with a log id and nothing else (NODE_ENV=%s)',
      async env => {
        // Backstage's own error handler adds the stack when NODE_ENV is development.
        process.env.NODE_ENV = env;
        const api = await startBackend();
        await knex.schema.dropTable('customer_kpis_source_runs');

        const res = await api
          .get('/api/customer-kpis/sources?secret=query-value')
          .set('Authorization', ALICE);

        expect(res.status).toBe(500);
        expect(res.body).toEqual({
          error: {
            name: 'InternalServerError',
            message: expect.stringMatching(
              /^An internal error occurred\. The backend log has the details under logId=[0-9a-f]{16}$/,
            ),
          },
          response: { statusCode: 500 },
        });
        expect(res.text).not.toMatch(/customer_kpis|select|query-value|at /i);
      },
    );

    it('leaves client errors to Backstage: the name and the reason', async () => {
      process.env.NODE_ENV = 'production';
      const api = await startBackend();
      const res = await api
        .get('/api/customer-kpis/overview?window=13d')
        .set('Authorization', ALICE);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        name: 'InputError',
        message: expect.stringContaining('window'),
      });
      expect(res.body.error.stack).toBeUndefined();
    });
  },
);
