import { Router } from 'express';
import { addSourceRoutes } from '../sources/routes';
import { API_OPERATIONS, openApiDocument } from './openapi';
import { RouterOptions, createRouter } from './router';

/** Every "METHOD path" the router really serves, read from its express stack. */
async function servedRoutes(): Promise<string[]> {
  const router = await createRouter({
    extraRoutes: (r: Router) =>
      addSourceRoutes(r, {} as Parameters<typeof addSourceRoutes>[1]),
  } as unknown as RouterOptions);
  return (router.stack as any[])
    .filter(layer => layer.route)
    .flatMap(layer =>
      Object.keys(layer.route.methods).map(
        method => `${method.toUpperCase()} ${layer.route.path}`,
      ),
    )
    .sort();
}

describe('the OpenAPI document', () => {
  it('describes exactly the routes the router serves', async () => {
    const described = API_OPERATIONS.map(
      op => `${op.method.toUpperCase()} ${op.path}`,
    ).sort();
    expect(await servedRoutes()).toEqual(described);
  });

  it('describes parameters, bodies and responses from the zod schemas', () => {
    const doc = openApiDocument() as any;
    const overview = doc.paths['/overview'].get;
    const groupBy = overview.parameters.find((p: any) => p.name === 'groupBy');
    expect(groupBy.schema.enum).toEqual([
      'component',
      'system',
      'domain',
      'owner',
    ]);
    expect(Object.keys(overview.responses[200].content)).toEqual([
      'application/json',
      'text/csv',
    ]);
    const ingest = doc.paths['/observations'].post;
    expect(
      ingest.requestBody.content['application/json'].schema.properties
        .observations.type,
    ).toBe('array');
    expect(Object.keys(ingest.responses)).toEqual([
      '200',
      '400',
      '401',
      '403',
      '413',
      '415',
    ]);
    expect(
      doc.paths['/entities/{kind}/{namespace}/{name}/kpis'].get.parameters.map(
        (p: any) => p.name,
      ),
    ).toEqual(['kind', 'namespace', 'name', 'window']);
  });
});
