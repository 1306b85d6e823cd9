import { CHECKOUT } from '../__testUtils__/observations';
import { describeOnEachDatabase } from './__testUtils__/migratedDatabases';
import {
  applyDatabaseMigrations,
  rollbackDatabaseMigrations,
  rollbackDatabaseMigrationsTo,
} from './migrations';

jest.setTimeout(60_000);

describeOnEachDatabase('the migrations', db => {
  it('runs every migration down and up again', async () => {
    const knex = db();
    await rollbackDatabaseMigrations(knex);
    expect(await knex.schema.hasTable('customer_kpis_daily_buckets')).toBe(
      false,
    );
    await applyDatabaseMigrations(knex);
    expect(await knex.schema.hasTable('customer_kpis_daily_buckets')).toBe(
      true,
    );
    expect(await knex.schema.hasTable('customer_kpis_window_summaries')).toBe(
      true,
    );
  });

  it("moves today's buckets of an existing database into the recent buckets, and back on the way down", async () => {
    const knex = db();
    await rollbackDatabaseMigrationsTo(knex, '20261201_recent_buckets.js');
    const now = new Date().toISOString().slice(0, 10);
    const bucket = (day: string) => ({
      entity_ref: CHECKOUT,
      kpi: 'recommend',
      source: 'push',
      day,
      observations: 1,
      aggregate: '{}',
      updated_at: new Date(),
    });
    await knex('customer_kpis_daily_buckets').insert([
      bucket('2020-01-01'),
      bucket(now),
    ]);

    await applyDatabaseMigrations(knex);
    expect(await knex('customer_kpis_daily_buckets').pluck('day')).toEqual([
      '2020-01-01',
    ]);
    expect(await knex('customer_kpis_recent_buckets').pluck('day')).toEqual([
      now,
    ]);

    await rollbackDatabaseMigrationsTo(knex, '20261201_recent_buckets.js');
    expect(
      await knex('customer_kpis_daily_buckets').orderBy('day').pluck('day'),
    ).toEqual(['2020-01-01', now]);
    await applyDatabaseMigrations(knex);
  });

  it('gives the runs recorded before retractions existed a retracted count of 0, and drops it on the way down', async () => {
    const knex = db();
    await rollbackDatabaseMigrationsTo(
      knex,
      '20261202_source_run_retracted.js',
    );
    await knex('customer_kpis_source_runs').insert({
      source_id: 'zendesk',
      trigger: 'schedule',
      status: 'succeeded',
      started_at: new Date(),
      inserted: 3,
    });

    await applyDatabaseMigrations(knex);
    expect(
      await knex('customer_kpis_source_runs').select('inserted', 'retracted'),
    ).toEqual([{ inserted: 3, retracted: 0 }]);

    await rollbackDatabaseMigrationsTo(
      knex,
      '20261202_source_run_retracted.js',
    );
    expect(
      await knex.schema.hasColumn('customer_kpis_source_runs', 'retracted'),
    ).toBe(false);
    await applyDatabaseMigrations(knex);
  });
  it('gives the tables updated in place a lower fill factor and earlier autovacuum on PostgreSQL, and resets them on the way down', async () => {
    const knex = db();
    if (
      !['pg', 'postgres', 'postgresql'].includes(
        String(knex.client.config.client),
      )
    )
      return;
    const options = async (table: string) =>
      (
        await knex.raw(
          'select coalesce(reloptions, array[]::text[]) as options from pg_class where relname = ?',
          [table],
        )
      ).rows[0].options as string[];
    expect(await options('customer_kpis_source_cursors')).toEqual(
      expect.arrayContaining([
        'fillfactor=50',
        'autovacuum_vacuum_scale_factor=0',
      ]),
    );
    for (const table of [
      'customer_kpis_window_summaries',
      'customer_kpis_group_summaries',
      'customer_kpis_window_changes',
      'customer_kpis_group_changes',
    ]) {
      expect(
        (await options(table)).some(o => o.startsWith('fillfactor=')),
      ).toBe(true);
    }

    await rollbackDatabaseMigrationsTo(knex, '20261203_storage_fillfactor.js');
    expect(await options('customer_kpis_source_cursors')).toEqual([]);
    await applyDatabaseMigrations(knex);
  });
});
