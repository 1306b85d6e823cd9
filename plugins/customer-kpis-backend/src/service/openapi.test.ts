// The OpenAPI document derived from the route table: parameters, defaults, bodies and statuses as the routes have them.
import { openApiDocument } from './openapi';
import { ROUTES } from './routes';
import {
  OpenApiDocument,
  documentedRoutes,
  operationOf,
} from '../__testUtils__/openApiValidator';

const doc = openApiDocument(ROUTES) as unknown as OpenApiDocument;
/** A value of each required query parameter whose schema lists none. */
const REQUIRED_EXAMPLES: Record<string, string> = {
  owner: 'group:default/team-a',
};
const routeName = (method: string, path: string) =>
  `${method.toUpperCase()} ${path.replace(/:(\w+)/g, '{$1}')}`;

describe('the OpenAPI document', () => {
  it('has one operation per route of the table', () => {
    expect(documentedRoutes(doc).sort()).toEqual(
      ROUTES.map(r => routeName(r.method, r.path)).sort(),
    );
  });

  it.each(
    ROUTES.filter(r => r.query).map(r => [routeName(r.method, r.path), r]),
  )(
    '%s: states every default its query schema applies, as a caller writes it',
    (name, route) => {
      const query = route.query!;
      const parameters = operationOf(doc, name).parameters.filter(
        p => p.in === 'query',
      );
      // A required parameter is sent with the first value its schema allows (the import's kpi), or an example
      // (the owned products' owner, any entity ref).
      const required = Object.fromEntries(
        parameters
          .filter(p => p.required)
          .map(p => [
            p.name,
            (p.schema.enum as unknown[] | undefined)?.[0] ??
              REQUIRED_EXAMPLES[p.name],
          ]),
      );
      const applied = query.parse(required) as Record<string, unknown>;
      const documented = Object.fromEntries(
        parameters
          .filter(p => p.schema.default !== undefined)
          .map(p => [p.name, p.schema.default]),
      );

      // A default that the document does not show would be applied silently.
      expect(Object.keys(documented).sort()).toEqual(
        Object.keys(applied)
          .filter(key => applied[key] !== undefined && !(key in required))
          .sort(),
      );
      // Sent as the document writes it, each default gives what leaving the parameter out gives.
      for (const [key, value] of Object.entries(documented)) {
        expect(query.parse({ ...required, [key]: String(value) })).toEqual(
          applied,
        );
      }
      // The notes of defaults the handler applies name real parameters.
      for (const key of Object.keys(route.queryNotes ?? {})) {
        expect(parameters.map(p => p.name)).toContain(key);
      }
    },
  );

  it('states the defaults the issue found missing: coverage kind, runs limit, entity and overview windows', () => {
    const defaultOf = (route: string, name: string) =>
      operationOf(doc, route).parameters.find(p => p.name === name)?.schema
        .default;
    expect(defaultOf('GET /coverage', 'kind')).toBe('component');
    expect(defaultOf('GET /sources/{id}/runs', 'limit')).toBe(50);
    expect(
      defaultOf('GET /entities/{kind}/{namespace}/{name}/kpis', 'window'),
    ).toBe('90d');
    expect(defaultOf('GET /overview', 'window')).toBe('90d');
    expect(defaultOf('GET /overview', 'groupBy')).toBe('component');
  });

  it('describes parameters, bodies and responses from the route schemas', () => {
    const overview = operationOf(doc, 'GET /overview');
    expect(
      overview.parameters.find(p => p.name === 'groupBy')?.schema.enum,
    ).toEqual(['component', 'system', 'domain', 'owner']);
    expect(Object.keys(overview.responses[200].content ?? {})).toEqual([
      'application/json',
      'text/csv',
    ]);
    const ingest = operationOf(doc, 'POST /observations');
    expect(
      ingest.requestBody?.content['application/json'].schema.properties,
    ).toMatchObject({ observations: { type: 'array' } });
    expect(Object.keys(ingest.responses)).toEqual([
      '200',
      '400',
      '401',
      '403',
      '413',
      '415',
      '5XX',
    ]);
    expect(ingest.description).toBe(
      'Needs the permission customer-kpis.observation.create (users; service tokens need none).',
    );
    expect(
      operationOf(
        doc,
        'GET /entities/{kind}/{namespace}/{name}/kpis',
      ).parameters.map(p => [p.name, p.in, p.required]),
    ).toEqual([
      ['kind', 'path', true],
      ['namespace', 'path', true],
      ['name', 'path', true],
      ['window', 'query', false],
    ]);
    // The id of PUT /sources/{id} is the path's.
    expect(
      operationOf(doc, 'PUT /sources/{id}').requestBody?.content[
        'application/json'
      ].schema.required,
    ).toEqual(['type']);
    expect(
      Object.keys(operationOf(doc, 'DELETE /sources/{id}').responses),
    ).toEqual(['204', '400', '401', '403', '404', '409', '5XX']);
    expect(operationOf(doc, 'GET /health').security).toEqual([]);
  });
});
