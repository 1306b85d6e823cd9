// A local HTTP server for tests: answers with a handler and records every request with its arrival time.
import http from 'node:http';
import { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  at: number;
}

export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startTestServer(
  handler: (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    index: number,
  ) => void,
): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    requests.push({
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      at: Date.now(),
    });
    handler(req, res, requests.length - 1);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * Answers `status` with a body that repeats the whole request, as some proxies and debugging APIs do: first each
 * header value alone, percent-encoded, and (for Basic authentication) decoded; then the full URL; then the header
 * lines and the request as JSON. Tests of redaction use it to prove that none of it comes back out of the backend.
 */
export function sendEcho(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  status: number,
) {
  const values = Object.values(req.headers).flatMap(value =>
    value === undefined ? [] : [String(value)],
  );
  const decoded = values.flatMap(value => {
    const basic = /^Basic\s+(\S+)$/i.exec(value);
    return basic ? [Buffer.from(basic[1], 'base64').toString('utf8')] : [];
  });
  const url = `http://${req.headers.host}${req.url}`;
  res.writeHead(status, { 'content-type': 'text/plain' });
  res.end(
    [
      `echo ${values.join(' | ')}`,
      `encoded ${values.map(encodeURIComponent).join(' | ')}`,
      `decoded ${decoded.join(' | ')}`,
      `${req.method} ${url}`,
      ...Object.entries(req.headers).map(
        ([name, value]) => `${name}: ${value}`,
      ),
      JSON.stringify({ url, headers: req.headers }),
    ].join('\n'),
  );
}
