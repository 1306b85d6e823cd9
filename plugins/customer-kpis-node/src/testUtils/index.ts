/**
 * Test helpers for data-source modules: a local HTTP server that answers like the real API and records requests, and
 * a logger that records lines.
 *
 * @packageDocumentation
 */
export { startTestServer, sendEcho, sendJson } from './testServer';
export type { RecordedRequest, TestServer } from './testServer';
export { recordingLogger } from './recordingLogger';
export type { RecordedLogLine } from './recordingLogger';
