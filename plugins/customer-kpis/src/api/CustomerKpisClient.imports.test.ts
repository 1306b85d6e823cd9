// The client's CSV upload against a real local HTTP server: XMLHttpRequest with the user's token, the query built
// from the request, the file as the body, and a refused file's report as a CsvImportError.
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { CsvImportError } from './CustomerKpisApi';
import { CustomerKpisClient } from './CustomerKpisClient';

interface Received {
  method?: string;
  url?: string;
  authorization?: string;
  contentType?: string;
  body: string;
}

describe('CustomerKpisClient.importCsv', () => {
  let server: http.Server;
  let baseUrl: string;
  const received: Received[] = [];
  let answer: { status: number; body: unknown };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      // The test page's origin is not the server's: the browser asks first.
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader(
        'Access-Control-Allow-Headers',
        'authorization, content-type',
      );
      if (req.method === 'OPTIONS') {
        res.end();
        return;
      }
      const chunks: Buffer[] = [];
      req.on('data', chunk => chunks.push(chunk));
      req.on('end', () => {
        received.push({
          method: req.method,
          url: req.url,
          authorization: req.headers.authorization,
          contentType: req.headers['content-type'],
          body: Buffer.concat(chunks).toString('utf8'),
        });
        res.statusCode = answer.status;
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>(resolve =>
      server.listen(0, '127.0.0.1', () => resolve()),
    );
    baseUrl = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/api/customer-kpis`;
  });

  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
  });

  const client = () =>
    new CustomerKpisClient({
      discoveryApi: { getBaseUrl: async () => baseUrl },
      fetchApi: { fetch: jest.fn() as unknown as typeof fetch },
      identityApi: { getCredentials: async () => ({ token: 'user-token' }) },
    });
  const csv = `id,entityRef,timestamp,score\n${Array.from(
    { length: 2000 },
    (_, i) => `a${i},component:default/shop,2025-03-01T09:00:00Z,9`,
  ).join('\n')}`;

  it('uploads the file through XMLHttpRequest with the user token and the query, and answers the JSON', async () => {
    answer = { status: 200, body: { kpi: 'recommend', counts: null } };
    const progress: number[] = [];

    const result = await client().importCsv(
      new File([csv], 'answers.csv', { type: 'text/csv' }),
      {
        kpi: 'recommend',
        source: 'survey-sheet',
        dryRun: true,
        mapping: { NPS: 'score', Notes: '' },
      },
      { onProgress: fraction => progress.push(fraction) },
    );

    expect(result).toEqual({ kpi: 'recommend', counts: null });
    const [request] = received.splice(0);
    expect(request).toEqual({
      method: 'POST',
      url: `/api/customer-kpis/imports?kpi=recommend&source=survey-sheet&dryRun=true&mapping=${encodeURIComponent(
        '{"NPS":"score","Notes":""}',
      )}`,
      authorization: 'Bearer user-token',
      contentType: 'text/csv',
      body: csv,
    });
    // No assertion on `progress`: jsdom sends no Content-Length of its own, so its upload events are not
    // computable and report nothing; a browser's are (the section's test covers the progress bar).
  });

  it('rejects a refused file with a CsvImportError carrying the message and the report', async () => {
    const report = {
      valid: false,
      rows: 1,
      invalidRows: 1,
      problemCount: 1,
      problems: [{ line: 2, column: 'score', field: 'score', reason: 'x' }],
    };
    answer = {
      status: 400,
      body: {
        error: { name: 'InputError', message: 'The file has 1 problem' },
        report,
      },
    };

    const error = await client()
      .importCsv(new Blob([csv]), { kpi: 'recommend' })
      .catch(e => e);

    expect(error).toBeInstanceOf(CsvImportError);
    expect(error).toMatchObject({
      message: 'The file has 1 problem',
      status: 400,
      report,
    });
    expect(received.splice(0)[0].url).toBe(
      '/api/customer-kpis/imports?kpi=recommend',
    );
  });
});
