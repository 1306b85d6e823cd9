// A LoggerService that redacts every message and every metadata string before handing it to the real logger.
import { LoggerService } from '@backstage/backend-plugin-api';
import { SecretRedactor } from './SecretRedactor';

type LogMeta = Parameters<LoggerService['info']>[1];

/**
 * Wraps `logger` so that messages, metadata (strings, keys and errors) and the metadata of child loggers pass through
 * `redactor`. Backstage's root logger redacts config secrets as they are; this also catches their encodings, and it
 * protects loggers that do not redact at all (tests, custom root loggers).
 */
export function redactingLogger(
  logger: LoggerService,
  redactor: SecretRedactor,
): LoggerService {
  const meta = (value: LogMeta): LogMeta =>
    value === undefined ? undefined : redactor.redactValue(value);
  return {
    error: (message, m) => logger.error(redactor.redact(message), meta(m)),
    warn: (message, m) => logger.warn(redactor.redact(message), meta(m)),
    info: (message, m) => logger.info(redactor.redact(message), meta(m)),
    debug: (message, m) => logger.debug(redactor.redact(message), meta(m)),
    child: m =>
      redactingLogger(logger.child(redactor.redactValue(m)), redactor),
  };
}
