import { mockServices } from '@backstage/backend-test-utils';
import { kpiAggregators } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { SecretRedactor } from '@customer-kpis/backstage-plugin-customer-kpis-node';
import {
  RecordedLogLine,
  recordingLogger,
} from '@customer-kpis/backstage-plugin-customer-kpis-node/testUtils';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { TEST_ENTITIES, testCatalog } from '../__testUtils__/catalog';
import { fakeSourceScript, fakeSourceType } from '../__testUtils__/sourceTypes';
import { KnexKpiStore } from '../database/KnexKpiStore';
import { applyDatabaseMigrations } from '../database/migrations';
import { SourceRunner } from './SourceRunner';
import { SourceDefinition, SourceStore } from './SourceStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const SECRET = 'not-a-real-secret-4711';
const FAKE_URL = 'https://fake.example/api';
const CHECKOUT = 'component:default/checkout-service';
const entities = TEST_ENTITIES.map(e =>
  e.metadata.name === 'checkout-service'
    ? {
        ...e,
        metadata: { ...e.metadata, annotations: { 'test.io/fake': 'yes' } },
      }
    : e,
);
const source: SourceDefinition = {
  id: 'fake-1',
  type: 'fake',
  config: { label: 'scripted', credential: 'fake-token' },
  schedule: { frequency: { minutes: 30 } },
  origin: 'api',
};

describe.each(databases.eachSupportedId())('SourceRunner on %p', databaseId => {
  let knex: Knex;
  let store: KnexKpiStore;
  let sources: SourceStore;
  let runner: SourceRunner;
  let lines: RecordedLogLine[];

  beforeEach(async () => {
    knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    store = new KnexKpiStore(knex, {
      now: () => new Date('2026-06-30T10:00:00Z'),
    });
    const redactor = new SecretRedactor([SECRET]);
    sources = new SourceStore(knex, { redactor });
    lines = [];
    runner = new SourceRunner({
      store,
      sources,
      sourceTypes: new Map([['fake', fakeSourceType]]),
      catalog: testCatalog(entities),
      auth: mockServices.auth(),
      logger: recordingLogger(lines),
      credentials: {
        'fake-token': { secret: SECRET, allowedUrls: ['https://fake.example'] },
      },
      redactor,
      now: () => new Date('2026-06-30T10:00:00Z'),
    });
    fakeSourceScript.pages = [[10, 9], [0, 8], [10]];
    fakeSourceScript.retractions = [];
    fakeSourceScript.failAtPage = undefined;
  });

  afterEach(async () => {
    await knex.destroy();
  });

  const npsOfCheckout = async () => {
    const [window] = await store.readWindows(CHECKOUT, 30, ['recommend']);
    return kpiAggregators.recommend.summarise(window.current as any);
  };

  it('stores every page and records a succeeded run with its counts', async () => {
    const run = await runner.run(source, 'manual');

    expect(run).toMatchObject({
      status: 'succeeded',
      pages: 3,
      inserted: 5,
      unchanged: 0,
      entities: 1,
      error: null,
    });
    expect((await npsOfCheckout()).n).toBe(5);
  });

  it('resumes after a failure mid-stream from the last stored page and never counts an answer twice', async () => {
    fakeSourceScript.failAtPage = 2;

    const failed = await runner.run(source, 'schedule');
    expect(failed).toMatchObject({
      status: 'failed',
      pages: 1,
      inserted: 2,
      error: 'upstream broke at page 2',
    });
    expect((await npsOfCheckout()).n).toBe(2); // the last good data stays

    const resumed = await runner.run(source, 'schedule');
    expect(resumed).toMatchObject({
      status: 'succeeded',
      pages: 2,
      inserted: 3,
    });
    const nps = await npsOfCheckout();
    expect(nps.n).toBe(5);
    expect(nps.value).toBe(40); // promoters 10, 9, 10; detractor 0; passive 8
    expect(await sources.getCursor('fake-1')).toBe(3);
  });

  it('retracts the answers a page names, in the transaction of its page, and counts them in the run', async () => {
    // Page 2 withdraws the 10 of page 1 (and one answer never sent); page 3 withdraws the 0 of page 2.
    fakeSourceScript.retractions = [[], ['0:0', '9:9'], ['1:0']];

    const run = await runner.run(source, 'manual');

    expect(run).toMatchObject({
      status: 'succeeded',
      pages: 3,
      inserted: 5,
      unchanged: 1,
      replaced: 0,
      retracted: 2,
    });
    expect((await sources.listRuns('fake-1'))[0].retracted).toBe(2);
    const nps = await npsOfCheckout();
    expect(nps.n).toBe(3); // 9, 8 and 10 are left: 2 promoters, 1 passive
    expect(nps.value).toBeCloseTo(200 / 3, 10);
    expect(
      await knex('customer_kpis_observations')
        .orderBy('observation_id')
        .pluck('observation_id'),
    ).toEqual([`${CHECKOUT}:0:1`, `${CHECKOUT}:1:1`, `${CHECKOUT}:2:0`]);

    // A replay from the start sends and withdraws the same answers again and ends where the first run did.
    await knex('customer_kpis_source_cursors').delete();
    const replay = await runner.run(source, 'manual');
    expect(replay).toMatchObject({ inserted: 2, retracted: 2, unchanged: 4 });
    expect(await npsOfCheckout()).toEqual(nps);
  });

  it('fails a run whose page both observes and retracts an answer, storing nothing of that page', async () => {
    fakeSourceScript.retractions = [[], ['0:0', '1:1']];

    const run = await runner.run(source, 'manual');

    expect(run).toMatchObject({ status: 'failed', pages: 1, retracted: 0 });
    expect(run.error).toBe(
      `page 2: observation id "${CHECKOUT}:1:1" is both observed (item 1) and retracted (retraction 1); a page may add or retract an id, not both; that page was not stored`,
    );
    expect((await npsOfCheckout()).n).toBe(2); // page 1 only: the 10 of page 1 is still there
    expect(await sources.getCursor('fake-1')).toBe(1);
  });

  it('fails a run whose page retracts something that is not an observation id, naming it', async () => {
    fakeSourceScript.retractions = [['x'.repeat(200)]];

    const run = await runner.run(source, 'manual');

    expect(run.status).toBe('failed');
    expect(run.error).toBe(
      'page 1: retractions.0: id must be at most 200 characters; that page was not stored',
    );
    expect((await npsOfCheckout()).n).toBe(0);
  });

  it('fails a run whose page holds an invalid observation, storing nothing of that page', async () => {
    fakeSourceScript.pages = [[10], [11]];

    const run = await runner.run(source, 'manual');

    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/page 2: .*score/);
    expect((await npsOfCheckout()).n).toBe(1);
    expect(await sources.getCursor('fake-1')).toBe(1);
  });

  it('fails a run with a bad config or an unknown credential, naming the field', async () => {
    const badConfig = await runner.run(
      { ...source, config: { label: '' } },
      'manual',
    );
    expect(badConfig.error).toMatch(/^config\.label: /);

    const unknownCredential = await runner.run(
      { ...source, config: { label: 'x', credential: 'nope' } },
      'manual',
    );
    expect(unknownCredential.error).toMatch(
      /config\.credential: no credential 'nope'/,
    );
  });

  it('dry-runs the first page: a sample and the bound entities, and stores nothing', async () => {
    const dry = await runner.dryRun({
      type: 'fake',
      config: { label: 'trial' },
    });

    expect(dry).toMatchObject({
      entities: 1,
      observations: 2,
      invalid: [],
      error: null,
    });
    expect(dry.sample.map(o => o.score)).toEqual([10, 9]);
    expect((await npsOfCheckout()).n).toBe(0);
    expect(await sources.getCursor('fake-1')).toBeUndefined();
  });

  it('fails a run at request time when its credential is asked for a URL it does not allow', async () => {
    const run = await runner.run(
      {
        ...source,
        config: { ...source.config, url: 'https://elsewhere.example/api' },
      },
      'manual',
    );
    expect(run.status).toBe('failed');
    expect(run.error).toBe(
      'Credential "fake-token" may not be sent to https://elsewhere.example/api: customerKpis.credentials.fake-token.allowedUrls allows only https://fake.example',
    );
  });

  describe('with a source that leaks its secret', () => {
    const leaky = (leak: string) => ({
      ...source,
      config: { ...source.config, url: FAKE_URL, leak },
    });
    const forms = [
      SECRET,
      encodeURIComponent(SECRET),
      Buffer.from(`me@acme.test:${SECRET}`).toString('base64'),
    ];
    const expectNoSecret = (text: string) => {
      for (const form of forms) expect(text).not.toContain(form);
    };

    it('stores, returns and logs its failure redacted', async () => {
      const run = await runner.run(leaky('throw'), 'manual');

      expect(run.error).toBe('upstream echoed ***, Basic *** and ***');
      const [row] = await knex('customer_kpis_source_runs').select('error');
      expect(row.error).toBe(run.error);
      expect(lines.some(l => l.message.includes('upstream echoed ***'))).toBe(
        true,
      );
      expectNoSecret(JSON.stringify(lines));
    });

    it('redacts what it logs, metadata included', async () => {
      const run = await runner.run(leaky('log'), 'manual');

      expect(run.status).toBe('succeeded');
      const line = lines.find(l => l.message.startsWith('calling'));
      expect(line).toEqual({
        level: 'warn',
        message: `calling ${FAKE_URL} with Authorization: ***`,
        meta: { source: 'fake-1', token: '***', basic: '***' },
      });
      expectNoSecret(JSON.stringify(lines));
    });

    it('redacts the error and the sample of a dry run', async () => {
      const failed = await runner.dryRun(leaky('throw'));
      expect(failed.error).toBe('upstream echoed ***, Basic *** and ***');

      const sampled = await runner.dryRun(leaky('sample'));
      expect(sampled.sample.map(o => o.id)).toEqual([
        'component:default/checkout-service:0:0:***',
        'component:default/checkout-service:0:1:***',
      ]);
      expectNoSecret(JSON.stringify([failed, sampled, lines]));
    });

    it('cleans run errors stored before redaction on the way out', async () => {
      const runId = await sources.startRun(
        'fake-1',
        'manual',
        '2026-06-30T09:00:00.000Z',
      );
      await knex('customer_kpis_source_runs')
        .where({ id: runId })
        .update({ status: 'failed', error: `old echo Bearer ${SECRET}` });

      const [run] = await sources.listRuns('fake-1');
      expect(run.error).toBe('old echo Bearer ***');
      expect((await sources.latestRuns()).get('fake-1')?.error).toBe(
        'old echo Bearer ***',
      );
    });
  });
});
