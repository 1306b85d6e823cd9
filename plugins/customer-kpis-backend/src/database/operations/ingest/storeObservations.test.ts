import {
  CHECKOUT,
  SEARCH,
  npsAnswer,
} from '../../../__testUtils__/observations';
import { describeOnEachDatabase } from '../../__testUtils__/migratedDatabases';
import { storeObservations } from './storeObservations';

jest.setTimeout(60_000);

const NOW = '2026-06-30T10:00:00.000Z';

describeOnEachDatabase('storeObservations', db => {
  const store = (
    source: string,
    observations: Parameters<typeof storeObservations>[2],
  ) =>
    db().transaction(trx => storeObservations(trx, source, observations, NOW));
  const payloads = async () =>
    (
      await db()('customer_kpis_observations')
        .orderBy(['source', 'observation_id'])
        .select('source', 'observation_id', 'entity_ref', 'day', 'payload')
    ).map(row => ({ ...row, payload: JSON.parse(row.payload).score }));

  it('inserts new observations and adds each to the aggregates once', async () => {
    const a = npsAnswer('a', 10, '2026-06-29');
    const b = npsAnswer('b', 9, '2026-06-28');

    const result = await store('push', [a, b]);

    expect(result.counts).toEqual({ inserted: 2, unchanged: 0, replaced: 0 });
    expect(result.operations).toEqual([
      { observation: a, day: '2026-06-29', sign: 1 },
      { observation: b, day: '2026-06-28', sign: 1 },
    ]);
    expect(await payloads()).toEqual([
      {
        source: 'push',
        observation_id: 'a',
        entity_ref: CHECKOUT,
        day: '2026-06-29',
        payload: 10,
      },
      {
        source: 'push',
        observation_id: 'b',
        entity_ref: CHECKOUT,
        day: '2026-06-28',
        payload: 9,
      },
    ]);
  });

  it('leaves an unchanged observation alone and un-merges a replaced one at its old day and entity first', async () => {
    const old = npsAnswer('b', 9, '2026-06-28');
    await store('push', [npsAnswer('a', 10, '2026-06-29'), old]);
    const moved = npsAnswer('b', 0, '2026-06-20', SEARCH);

    const result = await store('push', [
      npsAnswer('a', 10, '2026-06-29'),
      moved,
    ]);

    expect(result.counts).toEqual({ inserted: 0, unchanged: 1, replaced: 1 });
    expect(result.operations).toEqual([
      { observation: old, day: '2026-06-28', sign: -1 },
      { observation: moved, day: '2026-06-20', sign: 1 },
    ]);
    expect((await payloads())[1]).toEqual({
      source: 'push',
      observation_id: 'b',
      entity_ref: SEARCH,
      day: '2026-06-20',
      payload: 0,
    });
  });

  it('takes the last occurrence of an id within a batch, and keeps ids of two sources apart', async () => {
    const result = await store('push', [
      npsAnswer('same', 3, '2026-06-29'),
      npsAnswer('same', 8, '2026-06-29'),
    ]);
    await store('survey', [npsAnswer('same', 1, '2026-06-29')]);

    expect(result.counts).toEqual({ inserted: 1, unchanged: 0, replaced: 0 });
    expect(result.operations.map(o => o.observation.id)).toEqual(['same']);
    expect((await payloads()).map(r => [r.source, r.payload])).toEqual([
      ['push', 8],
      ['survey', 1],
    ]);
  });
});
