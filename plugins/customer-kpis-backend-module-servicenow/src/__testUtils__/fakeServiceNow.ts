// A local stand-in for a ServiceNow instance: the Table API (`GET /api/now/table/{table}` answering `{ result: [...] }`
// with X-Total-Count and Link headers) and the OAuth token endpoint (`POST /oauth_token.do`), in their documented shapes.
import http from 'node:http';
import {
  TestServer,
  sendJson,
  startTestServer,
} from '@customer-kpis/backstage-plugin-customer-kpis-node/testUtils';
import { matches, parseEncodedQuery } from './encodedQuery';

/** A record with raw values (`sysparm_display_value=false`): reference fields hold sys_ids. */
export type FakeRecord = Record<string, string>;

export interface FakeServiceNowOptions {
  /** Records by table name. */
  tables: Record<string, FakeRecord[]>;
  /** The table each reference field points to, for dot-walking (`instance.trigger_id`) and reference links. */
  references?: Record<string, string>;
  /** Basic credentials that are accepted. */
  basic?: { username: string; password: string };
  /** An OAuth client whose client_credentials grant is accepted. */
  oauth?: { clientId: string; clientSecret: string; expiresIn?: number };
  /** sys_ids of records that ACLs withhold: they count in X-Total-Count and offsets but are not returned. */
  hidden?: Set<string>;
  /** Answers a request itself when it returns true: for 429s, 5xx and the like. `index` counts every request. */
  intercept?: (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    index: number,
  ) => boolean;
}

export interface FakeServiceNow extends TestServer {
  options: FakeServiceNowOptions;
  /** The access tokens issued so far, oldest first. */
  tokens: string[];
  /** Makes every issued token invalid, as when they expire or are revoked. */
  revokeTokens(): void;
  /** The request URLs without the origin, decoded, in order. */
  paths(): string[];
  /** The decoded sysparm_query of each Table API request to `table`, in order. */
  queries(table: string): string[];
}

const failure = (message: string, detail: string | null = null) => ({
  error: { message, detail },
  status: 'failure',
});

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeServiceNow(
  options: FakeServiceNowOptions,
): Promise<FakeServiceNow> {
  const tokens: string[] = [];
  const validTokens = new Set<string>();

  const find = (table: string, sysId: string) =>
    options.tables[table]?.find(r => r.sys_id === sysId);

  /** A field of a record, dot-walking through reference fields. */
  const valueOf = (record: FakeRecord, field: string): string | undefined => {
    const [head, ...rest] = field.split('.');
    if (rest.length === 0) {
      return record[head];
    }
    const table = options.references?.[head];
    const target =
      table && record[head] ? find(table, record[head]) : undefined;
    return target ? valueOf(target, rest.join('.')) : undefined;
  };

  const authorized = (header: string | undefined): boolean => {
    if (header?.startsWith('Bearer ')) {
      return validTokens.has(header.slice(7));
    }
    if (header?.startsWith('Basic ') && options.basic) {
      return (
        Buffer.from(header.slice(6), 'base64').toString('utf8') ===
        `${options.basic.username}:${options.basic.password}`
      );
    }
    return false;
  };

  const server = await startTestServer(async (req, res, index) => {
    if (options.intercept?.(req, res, index)) {
      return;
    }
    const url = new URL(req.url ?? '/', 'http://servicenow.test');

    if (url.pathname === '/oauth_token.do' && req.method === 'POST') {
      const form = new URLSearchParams(await readBody(req));
      if (
        !options.oauth ||
        form.get('grant_type') !== 'client_credentials' ||
        form.get('client_id') !== options.oauth.clientId ||
        form.get('client_secret') !== options.oauth.clientSecret
      ) {
        sendJson(res, 401, {
          error_description: 'access_denied',
          error: 'server_error',
        });
        return;
      }
      const token = `token-${tokens.length + 1}-${Math.random()
        .toString(36)
        .slice(2)}`;
      tokens.push(token);
      validTokens.add(token);
      sendJson(res, 200, {
        access_token: token,
        scope: 'useraccount',
        token_type: 'Bearer',
        expires_in: options.oauth.expiresIn ?? 1799,
      });
      return;
    }

    const table = /^\/api\/now\/table\/([a-z0-9_]+)$/.exec(url.pathname)?.[1];
    if (!table || req.method !== 'GET') {
      sendJson(
        res,
        400,
        failure('Requested URI does not represent any resource'),
      );
      return;
    }
    if (!authorized(req.headers.authorization)) {
      sendJson(
        res,
        401,
        failure(
          'User Not Authenticated',
          'Required to provide Auth information',
        ),
      );
      return;
    }
    const records = options.tables[table];
    if (!records) {
      sendJson(res, 400, failure(`Invalid table ${table}`));
      return;
    }
    const params = url.searchParams;
    const query = parseEncodedQuery(params.get('sysparm_query') ?? '');
    const matching = records.filter(r =>
      matches(query, field => valueOf(r, field)),
    );
    matching.sort((a, b) => {
      for (const { field, desc } of query.orderBy) {
        const [x, y] = [valueOf(a, field) ?? '', valueOf(b, field) ?? ''];
        if (x !== y) {
          return (x < y ? -1 : 1) * (desc ? -1 : 1);
        }
      }
      return 0;
    });
    const limit = Number(params.get('sysparm_limit') ?? 10000);
    const offset = Number(params.get('sysparm_offset') ?? 0);
    const fields = params.get('sysparm_fields')?.split(',');
    const excludeLinks =
      params.get('sysparm_exclude_reference_link') === 'true';
    const origin = `http://${req.headers.host}`;
    const result = matching
      .slice(offset, offset + limit)
      .filter(r => !options.hidden?.has(r.sys_id))
      .map(r => {
        const out: Record<string, unknown> = {};
        for (const field of fields ?? Object.keys(r)) {
          const value = valueOf(r, field);
          if (value === undefined) {
            continue;
          }
          const target = options.references?.[field];
          out[field] =
            target && !excludeLinks && value
              ? { link: `${origin}/api/now/table/${target}/${value}`, value }
              : value;
        }
        return out;
      });
    const pageUrl = (at: number) => {
      const next = new URL(url.toString());
      next.searchParams.set('sysparm_offset', String(at));
      return `<${origin}${next.pathname}${next.search}>`;
    };
    const links = [`${pageUrl(0)};rel="first"`];
    if (offset > 0) {
      links.push(`${pageUrl(Math.max(0, offset - limit))};rel="prev"`);
    }
    if (offset + limit < matching.length) {
      links.push(`${pageUrl(offset + limit)};rel="next"`);
    }
    links.push(
      `${pageUrl(
        Math.max(0, Math.floor((matching.length - 1) / limit) * limit),
      )};rel="last"`,
    );
    sendJson(
      res,
      200,
      { result },
      { 'x-total-count': String(matching.length), link: links.join(',') },
    );
  });

  return {
    ...server,
    options,
    tokens,
    revokeTokens: () => validTokens.clear(),
    paths: () => server.requests.map(r => decodeURIComponent(r.url)),
    queries: (table: string) =>
      server.requests
        .map(r => new URL(r.url, 'http://x'))
        .filter(u => u.pathname === `/api/now/table/${table}`)
        .map(u => u.searchParams.get('sysparm_query') ?? ''),
  };
}
