// Checks real HTTP answers against the OpenAPI document the backend serves: the status must be documented for the
// route, and the body must match the document's JSON Schema (2020-12, OpenAPI 3.1's dialect) for that status.
import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import request from 'supertest';

type Answer = Pick<request.Response, 'status' | 'headers' | 'body' | 'text'>;

type Schema = Record<string, unknown>;
interface MediaType {
  schema: Schema;
}
interface Operation {
  summary: string;
  description?: string;
  security?: unknown[];
  parameters: {
    name: string;
    in: 'path' | 'query';
    required: boolean;
    schema: Schema & { default?: unknown };
  }[];
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, { content?: Record<string, MediaType> }>;
}
/** The part of an OpenAPI document this module reads. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
}

/** `GET /sources/{id}` and the like: every operation of the document. */
export function documentedRoutes(doc: OpenApiDocument): string[] {
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map(method => `${method.toUpperCase()} ${path}`),
  );
}

/** The operation of a route such as `GET /sources/{id}`. */
export function operationOf(doc: OpenApiDocument, route: string): Operation {
  const [method, path] = route.split(' ');
  const operation = doc.paths[path]?.[method.toLowerCase()];
  if (!operation) throw new Error(`The document has no ${route}`);
  return operation;
}

/** A validator of answers against `doc`. */
export function answerValidator(doc: OpenApiDocument) {
  // The document's formats (date-time and the like) are descriptions here: zod checked them where they are read.
  const ajv = new Ajv2020({ allErrors: true, validateFormats: false });
  const compiled = new Map<Schema, ValidateFunction>();
  const compile = (schema: Schema) => {
    let validate = compiled.get(schema);
    if (!validate) {
      validate = ajv.compile(schema);
      compiled.set(schema, validate);
    }
    return validate;
  };

  /**
   * What is wrong with `answer` as an answer of `route` (empty when nothing is): an undocumented status, an
   * undocumented media type, or a body its schema refuses (each error with its JSON pointer).
   */
  return (route: string, answer: Answer): string[] => {
    const operation = operationOf(doc, route);
    const response =
      operation.responses[String(answer.status)] ??
      (answer.status >= 500 ? operation.responses['5XX'] : undefined);
    if (!response)
      return [
        `${route} answered ${
          answer.status
        }, which the document does not list (${Object.keys(
          operation.responses,
        ).join(', ')})`,
      ];
    const type = String(answer.headers['content-type'] ?? '').split(';')[0];
    if (!response.content) {
      return answer.text
        ? [`${route} ${answer.status} has a body; the document says none`]
        : [];
    }
    const media = response.content[type];
    if (!media)
      return [
        `${route} ${
          answer.status
        } answered ${type}; the document lists ${Object.keys(
          response.content,
        ).join(', ')}`,
      ];
    const body = type === 'application/json' ? answer.body : answer.text;
    const validate = compile(media.schema);
    if (validate(body)) return [];
    return (validate.errors ?? []).map(
      e => `${route} ${answer.status} ${e.instancePath || '/'} ${e.message}`,
    );
  };
}
