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

/** Rolls the latest migration back (tests of what one migration does to existing rows). */
export async function rollbackLatestDatabaseMigration(
  knex: Knex,
): Promise<void> {
  await knex.migrate.down({
    directory: migrationsDir,
    tableName: MIGRATIONS_TABLE,
  });
}
