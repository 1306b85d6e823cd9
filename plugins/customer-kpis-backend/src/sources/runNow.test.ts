// "Run now" with Backstage's real scheduler: a source still in its schedule's initial delay runs within seconds.
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  startPluginBackend,
  withCheckoutAnnotations,
} from '../__testUtils__/pluginBackend';
import { fakeSourceModule } from '../__testUtils__/sourceTypes';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const ALICE = mockCredentials.user.header('user:default/alice');
const entities = withCheckoutAnnotations({ 'test.io/fake': 'yes' });

describe.each(databases.eachSupportedId())('run now on %p', databaseId => {
  let knex: Knex;
  let stopBackend: (() => Promise<void>) | undefined;

  beforeEach(async () => {
    knex = await databases.init(databaseId);
  });

  afterEach(async () => {
    await stopBackend?.();
    stopBackend = undefined;
  });

  async function startBackend() {
    const { api, stop } = await startPluginBackend({
      knex,
      entities,
      features: [fakeSourceModule, schedulerServiceFactory],
      customerKpis: {
        sources: [
          {
            id: 'delayed',
            type: 'fake',
            schedule: {
              frequency: { hours: 6 },
              initialDelay: { minutes: 10 },
            },
            config: { label: 'delayed' },
          },
        ],
      },
    });
    stopBackend = stop;
    return api;
  }

  async function runsOf(api: request.Agent | ReturnType<typeof request>) {
    const res = await api
      .get('/api/customer-kpis/sources/delayed/runs')
      .set('Authorization', ALICE);
    expect(res.status).toBe(200);
    return res.body.items as Array<{ status: string; trigger: string }>;
  }

  it('starts a manual run within seconds while the schedule still waits out its ten-minute initial delay', async () => {
    const api = await startBackend();
    expect(await runsOf(api)).toEqual([]);

    const triggered = await api
      .post('/api/customer-kpis/sources/delayed/run')
      .set('Authorization', ALICE);
    expect(triggered.status).toBe(202);

    // The scheduler's workers poll every 5 s; allow three polls.
    const deadline = Date.now() + 15_000;
    let runs = await runsOf(api);
    while (!runs.some(r => r.status === 'succeeded') && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 250));
      runs = await runsOf(api);
    }
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'succeeded', trigger: 'manual' });
  });
});
