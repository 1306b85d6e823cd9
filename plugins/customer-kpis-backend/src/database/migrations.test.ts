import { CHECKOUT } from '../__testUtils__/observations';
import { describeOnEachDatabase } from './__testUtils__/migratedDatabases';
import {
  applyDatabaseMigrations,
  rollbackDatabaseMigrations,
  rollbackLatestDatabaseMigration,
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
    await rollbackLatestDatabaseMigration(knex);
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

    await rollbackLatestDatabaseMigration(knex);
    expect(
      await knex('customer_kpis_daily_buckets').orderBy('day').pluck('day'),
    ).toEqual(['2020-01-01', now]);
  });
});
