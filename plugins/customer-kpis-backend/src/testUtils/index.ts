/**
 * Test helpers for data-source modules: run a source through the real customer-kpis backend into the real store on
 * SQLite and every configured PostgreSQL, and read back what the API serves.
 *
 * @packageDocumentation
 */
export { createSourceTestDatabases, sourceTestDatabaseIds } from './databases';
export { startSourceTestBackend } from './startSourceTestBackend';
export type {
  SourceTestBackend,
  SourceTestBackendOptions,
  SourceTestCredential,
} from './startSourceTestBackend';
