import { JsonValue } from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { describeOnEachDatabase } from '../database/__testUtils__/migratedDatabases';
import { SourceStore } from './SourceStore';

// 20,000 cursor writes, each in its own transaction as a source run writes them, take 40–70 s on PostgreSQL;
// an unchanged cursor is not written at all (the first test).
jest.setTimeout(180_000);

describeOnEachDatabase('the source cursors', (db, databaseId) => {
  it('writes a cursor only when it changed, so that updated_at is when it last moved', async () => {
    const store = new SourceStore(db());
    const write = (cursor: JsonValue, nowIso: string) =>
      db().transaction(trx => store.setCursor(trx, 'zendesk', cursor, nowIso));
    const updatedAt = async () =>
      new Date(
        (await db()('customer_kpis_source_cursors').first()).updated_at,
      ).toISOString();

    await write({ after: 'a' }, '2026-12-03T10:00:00.000Z');
    await write({ after: 'a' }, '2026-12-03T11:00:00.000Z');
    expect(await updatedAt()).toBe('2026-12-03T10:00:00.000Z');

    await write({ after: 'b' }, '2026-12-03T12:00:00.000Z');
    expect(await updatedAt()).toBe('2026-12-03T12:00:00.000Z');
    expect(await store.getCursor('zendesk')).toEqual({ after: 'b' });
  });

  if (databaseId.startsWith('POSTGRES')) {
    it('keeps the cursor table under 1 MB on PostgreSQL after 20,000 writes of a moving cursor', async () => {
      const store = new SourceStore(db());
      const size = async () =>
        Number(
          (
            await db().raw(
              "select pg_total_relation_size('customer_kpis_source_cursors') as bytes",
            )
          ).rows[0].bytes,
        );
      for (let page = 0; page < 20_000; page++) {
        await db().transaction(trx =>
          store.setCursor(
            trx,
            'zendesk',
            { startTime: 1764759600 + page, after: `page-${page}` },
            new Date().toISOString(),
          ),
        );
      }
      expect(await store.getCursor('zendesk')).toEqual({
        startTime: 1764759600 + 19_999,
        after: 'page-19999',
      });
      expect(await size()).toBeLessThan(1024 * 1024);
    });
  }
});
