/**
 * Test helpers for data-source modules: a local HTTP server that answers like the real API and records requests, a
 * logger that records lines, a pull run as the backend runs it, and what a module registers.
 *
 * @packageDocumentation
 */
export { startTestServer, sendEcho, sendJson } from './testServer';
export type { RecordedRequest, TestServer } from './testServer';
export { recordingLogger } from './recordingLogger';
export type { RecordedLogLine } from './recordingLogger';
export {
  observationsOf,
  pullPages,
  retractionsOf,
  testEntity,
} from './pullSource';
export type { PullPagesOptions } from './pullSource';
export { sourceTypesAddedBy } from './moduleSourceTypes';
