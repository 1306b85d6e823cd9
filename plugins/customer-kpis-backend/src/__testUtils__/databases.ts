// The databases every store and router test of the backend runs on: one home, the public test entry point's.
import { createSourceTestDatabases } from '../testUtils/databases';

/** Creates the test databases (SQLite, and each configured PostgreSQL); says clearly when PostgreSQL is skipped. */
export const createTestDatabases = createSourceTestDatabases;
