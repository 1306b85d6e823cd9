// Applies the plugin's dated knex migrations (the `migrations/` folder shipped with the package).
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const MIGRATIONS_TABLE = 'customer_kpis__knex_migrations';

/** The folder of the migrations, wherever the package is installed. */
export const migrationsDir = resolvePackagePath(
  '@customer-kpis/backstage-plugin-customer-kpis-backend',
  'migrations',
);

/** Brings the database schema to the latest migration. */
export async function applyDatabaseMigrations(knex: Knex): Promise<void> {
  await knex.migrate.latest({
    directory: migrationsDir,
    tableName: MIGRATIONS_TABLE,
  });
}

/** Rolls every migration back (tests of the down migrations). */
export async function rollbackDatabaseMigrations(knex: Knex): Promise<void> {
  await knex.migrate.rollback(
    { directory: migrationsDir, tableName: MIGRATIONS_TABLE },
    true,
  );
}

/**
 * Rolls back every migration from the latest down to the one named (its file name), inclusive: tests of what one
 * migration does to existing rows, whatever migrations came after it.
 */
export async function rollbackDatabaseMigrationsTo(
  knex: Knex,
  name: string,
): Promise<void> {
  const config = { directory: migrationsDir, tableName: MIGRATIONS_TABLE };
  const [completed] = await knex.migrate.list(config);
  const names = completed
    .map((m: { name: string } | string) => (typeof m === 'string' ? m : m.name))
    .sort();
  if (!names.includes(name)) {
    throw new Error(`migration ${name} is not applied; applied: ${names}`);
  }
  for (const applied of names.reverse()) {
    await knex.migrate.down({ ...config, name: applied });
    if (applied === name) return;
  }
}
