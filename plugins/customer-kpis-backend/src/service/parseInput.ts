// The edge of the HTTP API: request bodies, query strings and path parameters are checked here, before any route
// reads them, and every problem becomes a 4xx that names the field and the reason.
import { CustomErrorBase, InputError } from '@backstage/errors';
import { textProblem } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import express from 'express';
import { z } from 'zod';

/** The parsed value, or an InputError such as `Invalid query: window: must be a duration …`. */
export function parseInput<T>(
  schema: z.ZodType<T>,
  value: unknown,
  what: string,
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const detail = result.error.issues
    .map(issue => {
      const path = issue.path.join('.');
      const field = path || what;
      // Messages that already start with the field ("kind must be …") are not prefixed twice.
      const last = String(issue.path[issue.path.length - 1] ?? '');
      return last && issue.message.startsWith(`${last} `)
        ? `${path.slice(0, -last.length)}${issue.message}`
        : `${field}: ${issue.message}`;
    })
    .join('; ');
  throw new InputError(`Invalid ${what}: ${detail}`);
}

/** A request body in a media type the API does not read (HTTP 415). */
export class UnsupportedMediaTypeError extends CustomErrorBase {
  name = 'UnsupportedMediaTypeError' as const;
  // Read by Backstage's error handler, which answers with this status.
  statusCode = 415;
}

/** A request body larger than the API reads (HTTP 413). */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  statusCode = 413;
}

/** The deepest nesting a JSON body may have; the API's own bodies nest four levels at most. */
export const MAX_BODY_DEPTH = 32;

/** Keys that would reach an object's prototype if a body were ever copied key by key. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function hasBody(req: express.Request): boolean {
  const length = req.headers['content-length'];
  return (
    req.headers['transfer-encoding'] !== undefined ||
    (length !== undefined && length !== '0')
  );
}

/** Why a parsed JSON body cannot be read, as "path: reason", or undefined; keys are checked, values are the schemas'. */
function unsafeBodyProblem(body: unknown): string | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [
    { value: body, path: '', depth: 0 },
  ];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_BODY_DEPTH) {
      return `${path}: nests deeper than ${MAX_BODY_DEPTH} levels`;
    }
    for (const [key, item] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if (PROTOTYPE_KEYS.has(key)) {
        return `${at}: ${key} is not allowed as a key (prototype key)`;
      }
      const problem = textProblem(key);
      if (problem) return `${path || 'request body'}: a key ${problem}`;
      stack.push({ value: item, path: at, depth: depth + 1 });
    }
  }
  return undefined;
}

/**
 * The JSON body parser of the API, with the checks around it: a body in another media type is a 415, a body that
 * is not JSON a 400 saying so, one over `limit` a 413, and prototype keys (`__proto__`, `constructor`) a 400 naming
 * the path, so that nothing downstream ever sees them.
 */
export function jsonBody(limit: string): express.RequestHandler[] {
  const parse = express.json({ limit });
  return [
    (req, _res, next) => {
      if (
        ['POST', 'PUT', 'PATCH'].includes(req.method) &&
        hasBody(req) &&
        !req.is('application/json')
      ) {
        next(
          new UnsupportedMediaTypeError(
            `Invalid request body: Content-Type must be application/json (got ${
              req.headers['content-type'] ?? 'none'
            })`,
          ),
        );
        return;
      }
      next();
    },
    (req, res, next) => {
      parse(req, res, error => {
        if (!error) {
          next();
          return;
        }
        const type = (error as { type?: string }).type;
        if (type === 'entity.parse.failed') {
          next(
            new InputError(
              `Invalid request body: it is not a JSON object or array (${
                (error as Error).message
              })`,
            ),
          );
        } else if (type === 'entity.too.large') {
          next(
            new PayloadTooLargeError(
              `Invalid request body: it is larger than ${limit}`,
            ),
          );
        } else if (
          type === 'charset.unsupported' ||
          type === 'encoding.unsupported'
        ) {
          next(
            new UnsupportedMediaTypeError(
              `Invalid request body: ${(error as Error).message}`,
            ),
          );
        } else {
          next(error);
        }
      });
    },
    (req, _res, next) => {
      const problem = unsafeBodyProblem(req.body);
      next(
        problem
          ? new InputError(`Invalid request body: ${problem}`)
          : undefined,
      );
    },
  ];
}

/**
 * The parser of a route that reads its body as bytes (`RouteSpec.rawBody`): a body in none of the media types (each
 * as `req.is` reads it, parameters such as charset aside) is a 415, one over `limit` a 413; `req.body` is a Buffer,
 * empty when the request has no body. A gzip body is inflated.
 */
export function rawBody(
  mediaType: string | readonly string[],
  limit: string,
): express.RequestHandler[] {
  const types = typeof mediaType === 'string' ? [mediaType] : [...mediaType];
  const parse = express.raw({ type: () => true, limit });
  return [
    (req, _res, next) => {
      if (hasBody(req) && !req.is(types)) {
        next(
          new UnsupportedMediaTypeError(
            `Invalid request body: Content-Type must be ${types.join(
              ' or ',
            )} (got ${req.headers['content-type'] ?? 'none'})`,
          ),
        );
        return;
      }
      next();
    },
    (req, res, next) => {
      parse(req, res, error => {
        if (!error) {
          if (!Buffer.isBuffer(req.body)) req.body = Buffer.alloc(0);
          next();
        } else if ((error as { type?: string }).type === 'entity.too.large') {
          next(
            new PayloadTooLargeError(
              `Invalid request body: it is larger than ${limit}`,
            ),
          );
        } else if (
          (error as { type?: string }).type === 'encoding.unsupported'
        ) {
          next(
            new UnsupportedMediaTypeError(
              `Invalid request body: ${(error as Error).message}`,
            ),
          );
        } else {
          next(error);
        }
      });
    },
  ];
}

/** Query values with NUL or lone surrogates are a 400 naming the parameter, for every route of the router. */
export function wellFormedQuery(): express.RequestHandler {
  return (req, _res, next) => {
    const stack: { value: unknown; path: string }[] = [
      { value: req.query, path: '' },
    ];
    while (stack.length > 0) {
      const { value, path } = stack.pop()!;
      if (typeof value === 'string') {
        const problem = textProblem(value);
        if (problem) {
          next(new InputError(`Invalid query: ${path}: ${problem}`));
          return;
        }
      } else if (typeof value === 'object' && value !== null) {
        for (const [key, item] of Object.entries(value)) {
          const keyProblem = textProblem(key);
          if (keyProblem) {
            next(
              new InputError(`Invalid query: a parameter name ${keyProblem}`),
            );
            return;
          }
          stack.push({ value: item, path: path ? `${path}.${key}` : key });
        }
      }
    }
    next();
  };
}
