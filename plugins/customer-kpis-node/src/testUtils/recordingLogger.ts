// A LoggerService for tests that keeps every line it is given, so that a test can assert on what was logged.
import { LoggerService } from '@backstage/backend-plugin-api';

/** One logged line: the level, the message, and the metadata merged with that of the parent loggers. */
export interface RecordedLogLine {
  level: 'error' | 'warn' | 'info' | 'debug';
  message: string;
  meta: Record<string, unknown> | Error | undefined;
}

/** A logger that appends each line to `lines` (also of its children); usable as a root logger too. */
export function recordingLogger(
  lines: RecordedLogLine[] = [],
  fields: Record<string, unknown> = {},
): LoggerService & { lines: RecordedLogLine[] } {
  const log =
    (level: RecordedLogLine['level']) =>
    (message: string, meta?: Error | Record<string, unknown>) => {
      let merged: RecordedLogLine['meta'] = meta;
      if (!(meta instanceof Error) && Object.keys(fields).length > 0) {
        merged = { ...fields, ...meta };
      }
      lines.push({ level, message, meta: merged });
    };
  return {
    lines,
    error: log('error'),
    warn: log('warn'),
    info: log('info'),
    debug: log('debug'),
    child: meta => recordingLogger(lines, { ...fields, ...meta }),
  };
}
