// The import function on the real store: several batches in one transaction (a failing later batch leaves nothing
// of the earlier ones), counts summed over the batches, and the run it records.
import {
  Observation,
  addDaysToDay,
  parseObservation,
  utcDay,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { describeOnEachDatabase } from '../database/__testUtils__/migratedDatabases';
import { KnexKpiStore } from '../database/KnexKpiStore';
import { SourceStore } from '../sources/SourceStore';
import { importCsv } from './importCsv';

jest.setTimeout(120_000);

const day = addDaysToDay(utcDay(new Date()), -2);
const answer = (i: number, score = 9): Observation =>
  parseObservation({
    id: `a${i}`,
    kpi: 'recommend',
    entityRef: `component:default/service-${i % 3}`,
    timestamp: `${day}T09:00:00Z`,
    score,
  });
const count = async (db: () => import('knex').Knex) =>
  Number(
    (await db()('customer_kpis_observations').count({ n: '*' }).first())!.n,
  );

describeOnEachDatabase('CSV import through the store', db => {
  it('stores several batches in one transaction: a failing later batch leaves nothing of the first', async () => {
    const store = new KnexKpiStore(db());
    // The first batch is written in the transaction, then the next one fails, as a database failure midway would
    // (thrown by the batches themselves: a row the database refuses is not refused alike by every database).
    function* failingAfterFirst() {
      yield [answer(1), answer(2)];
      throw new Error('batch 2 failed');
    }

    await expect(
      store.ingestChunks('sheet', failingAfterFirst()),
    ).rejects.toThrow('batch 2 failed');

    expect(await count(db)).toBe(0);
    expect(
      await store.ingestChunks('sheet', [[answer(1), answer(2)], [answer(3)]]),
    ).toEqual(
      expect.objectContaining({ inserted: 3, unchanged: 0, replaced: 0 }),
    );
    expect(
      await store.ingestChunks('sheet', [[answer(1)], [answer(2, 3)], []]),
    ).toEqual(
      expect.objectContaining({ inserted: 0, unchanged: 1, replaced: 1 }),
    );
  });

  it('records a stored import as a run with its counts, and a dry run not at all', async () => {
    const deps = {
      store: new KnexKpiStore(db()),
      runs: new SourceStore(db()),
      now: () => new Date(),
    };
    const csv = Buffer.from(
      [
        'id,entityRef,timestamp,score',
        ...[1, 2, 3, 4].map(
          i => `a${i},component:default/service-${i % 2},${day}T09:00:00Z,${i}`,
        ),
      ].join('\r\n'),
    );

    const dry = await importCsv(deps, csv, { kpi: 'recommend', dryRun: true });
    expect(dry.ok && dry.response.preview.map(p => p.line)).toEqual([
      2, 3, 4, 5,
    ]);
    expect(await deps.runs.listRuns('csv-import')).toEqual([]);

    const done = await importCsv(deps, csv, { kpi: 'recommend' });
    const [run] = await deps.runs.listRuns('csv-import');
    expect(done).toMatchObject({
      ok: true,
      response: {
        counts: { inserted: 4, unchanged: 0, replaced: 0 },
        runId: run.id,
      },
    });
    expect(run).toMatchObject({
      trigger: 'manual',
      status: 'succeeded',
      pages: 1,
      inserted: 4,
      entities: 2,
      error: null,
    });
  });
});
