import { describeOnEachDatabase } from '../__testUtils__/migratedDatabases';
import { lockedTransaction } from './lock';

jest.setTimeout(60_000);

describeOnEachDatabase('the write lock', (db, databaseId) => {
  // SQLite has a single writer (and one connection in tests): only PostgreSQL runs two transactions at once.
  const onPostgres = databaseId.startsWith('POSTGRES')
    ? describe
    : describe.skip;

  onPostgres('with two connections at once', () => {
    it('lets a second locked transaction start only after the first one ended', async () => {
      const events: string[] = [];
      let releaseFirst!: () => void;
      const firstHolds = new Promise<void>(resolve => {
        releaseFirst = resolve;
      });
      let firstLocked!: () => void;
      const locked = new Promise<void>(resolve => {
        firstLocked = resolve;
      });

      const first = lockedTransaction(db(), async () => {
        events.push('first locked');
        firstLocked();
        await firstHolds;
        events.push('first ends');
      });
      await locked;
      const second = lockedTransaction(db(), async () => {
        events.push('second locked');
      });
      await new Promise(r => setTimeout(r, 200));
      releaseFirst();
      await Promise.all([first, second]);

      expect(events).toEqual(['first locked', 'first ends', 'second locked']);
    });
  });

  it('returns what the work returns and commits it', async () => {
    const result = await lockedTransaction(db(), async trx => {
      await trx('customer_kpis_window_changes').insert({
        entity_ref: 'component:default/a',
        version: 1,
      });
      return 'done';
    });

    expect(result).toBe('done');
    expect(
      await db()('customer_kpis_window_changes').pluck('entity_ref'),
    ).toEqual(['component:default/a']);
  });
});
