// The plugin's last error handler: a 5xx answer carries an error id and nothing else, whatever NODE_ENV says.
import { LoggerService } from '@backstage/backend-plugin-api';
import { ErrorResponseBody, isError } from '@backstage/errors';
import { randomBytes } from 'node:crypto';
import express from 'express';

/** The status an error asks for (`status`/`statusCode` as http-errors and body-parser set them), or undefined. */
function requestedStatus(error: unknown): number | undefined {
  if (!isError(error)) return undefined;
  for (const field of ['statusCode', 'status'] as const) {
    const value = (error as Record<string, unknown>)[field];
    if (Number.isInteger(value) && Number(value) >= 100 && Number(value) < 600)
      return Number(value);
  }
  return undefined;
}

/** The statuses Backstage's handler gives its own error classes by name (they carry no status field). */
const STATUS_BY_NAME: Record<string, number> = {
  NotModifiedError: 304,
  InputError: 400,
  AuthenticationError: 401,
  NotAllowedError: 403,
  NotFoundError: 404,
  ConflictError: 409,
  NotImplementedError: 501,
  ServiceUnavailableError: 503,
};

/**
 * Answers server errors itself and hands every other error on to Backstage's handler, which answers 4xx with the
 * error's name and message.
 *
 * Backstage's own handler puts the stack into the body whenever the backend runs with NODE_ENV=development (which
 * `backstage-cli package start` sets, also with the production config), and always echoes the request's method and
 * URL. A 5xx from this plugin is a bug or a failing dependency (database, catalog): its message and stack may name
 * tables, hosts, SQL or query values, so the caller gets an id to quote and the log gets the whole error.
 */
export function serverErrorHandler(
  logger: LoggerService,
): express.ErrorRequestHandler {
  return (error, req, res, next) => {
    const name = isError(error) ? error.name : 'Error';
    const status = requestedStatus(error) ?? STATUS_BY_NAME[name] ?? 500;
    if (status < 500 || res.headersSent) {
      next(error);
      return;
    }
    const logId = randomBytes(8).toString('hex');
    logger.error(
      `${req.method} ${req.path} failed with ${status} (logId=${logId})`,
      isError(error) ? error : new Error(String(error)),
    );
    // 501 and 503 are raised on purpose, with a message meant for the caller.
    const intended = name in STATUS_BY_NAME;
    const body: ErrorResponseBody = {
      error: {
        name: intended ? name : 'InternalServerError',
        message: `${
          intended
            ? `${(error as Error).message}. `
            : 'An internal error occurred. '
        }The backend log has the details under logId=${logId}`,
      },
      response: { statusCode: status },
    };
    res.status(status).json(body);
  };
}
