/**
 * Test helpers for data-source modules: a local HTTP server that answers like the real API and records requests.
 *
 * @packageDocumentation
 */
export { startTestServer, sendJson } from './testServer';
export type { RecordedRequest, TestServer } from './testServer';
