// A small HTTP server on a fixed local port for the end-to-end fakes of vendor APIs: JSON answers, the requests it
// got (method, path with query, authorization header) for the tests to check, and a close that waits.
const http = require('node:http');

/**
 * Starts `handle(req, url, send)` on 127.0.0.1:`port`. `send(status, body, headers)` answers JSON. Resolves to
 * `{ url, requests, close }`; `requests` lists `{ method, path, authorization }` in order.
 */
function startJsonServer(port, handle) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, `http://127.0.0.1:${port}`);
    requests.push({
      method: req.method,
      path: `${url.pathname}${url.search}`,
      authorization: req.headers.authorization,
    });
    const send = (status, body, headers = {}) => {
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        ...headers,
      });
      res.end(JSON.stringify(body));
    };
    let body = '';
    req.setEncoding('utf8');
    req.on('data', chunk => {
      body += chunk;
    });
    req.on('end', () => {
      try {
        handle(req, url, send, body);
      } catch (error) {
        send(500, { error: String(error) });
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${port}`,
        requests,
        close: () => new Promise(done => server.close(() => done())),
      }),
    );
  });
}

/** The `Basic` authorization header of a user and password. */
function basicAuth(user, password) {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

module.exports = { startJsonServer, basicAuth };
