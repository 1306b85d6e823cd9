// A local stand-in for Typeform's Responses API (GET /forms/{form_id}/responses), answering in its documented shapes.
import http from 'node:http';
import {
  TestServer,
  sendJson,
  startTestServer,
} from '@customer-kpis/backstage-plugin-customer-kpis-node/testUtils';

/** A response as the fake stores it; `completed: false` is a partial response (excluded by `completed=true`). */
export interface FakeResponse {
  token: string;
  form: string;
  submitted_at: string;
  completed?: boolean;
  hidden?: Record<string, string>;
  /** Answers by field ref: a number (opinion_scale/rating/nps), a choice label, or text (a long_text field). */
  answers: Record<string, number | { choice: string } | { text: string }>;
}

export interface FakeTypeformOptions {
  responses: FakeResponse[];
  /** The expected bearer token; anything else gets a 401. */
  token: string;
  /** Answers a request itself when it returns true: for 429s, 5xx and the like. `index` counts every request. */
  intercept?: (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    index: number,
  ) => boolean;
}

export interface FakeTypeform extends TestServer {
  options: FakeTypeformOptions;
  /** The request URLs without the origin, decoded, in order. */
  paths(): string[];
}

const FIELD_TYPES: Record<string, string> = {
  nps: 'nps',
  csat: 'rating',
  effort: 'opinion_scale',
};

/** A response item as `GET /forms/{form_id}/responses` returns it. */
export function responseItem(response: FakeResponse) {
  return {
    landing_id: response.token,
    token: response.token,
    response_id: response.token,
    landed_at: response.submitted_at,
    submitted_at: response.submitted_at,
    metadata: {
      user_agent: 'Mozilla/5.0',
      platform: 'other',
      referer: 'https://acme.typeform.com/to/x',
      network_id: 'n1',
      browser: 'default',
    },
    hidden: response.hidden ?? {},
    calculated: { score: 0 },
    answers: Object.entries(response.answers).map(([ref, value]) => {
      const field = {
        id: `id_${ref}`,
        ref,
        type: FIELD_TYPES[ref] ?? 'multiple_choice',
      };
      if (typeof value === 'number')
        return { field, type: 'number', number: value };
      if ('choice' in value)
        return {
          field,
          type: 'choice',
          choice: {
            id: `c_${value.choice}`,
            ref: `ref_${value.choice}`,
            label: value.choice,
          },
        };
      return {
        field: { ...field, type: 'long_text' },
        type: 'text',
        text: value.text,
      };
    }),
  };
}

export async function startFakeTypeform(
  options: FakeTypeformOptions,
): Promise<FakeTypeform> {
  const server = await startTestServer((req, res, index) => {
    if (options.intercept?.(req, res, index)) return;
    if (req.headers.authorization !== `Bearer ${options.token}`) {
      sendJson(res, 401, {
        code: 'AUTHENTICATION_FAILED',
        description:
          'Authentication credentials not found on the Request Headers',
      });
      return;
    }
    const url = new URL(req.url ?? '/', 'http://typeform.test');
    const match = /^\/forms\/([^/]+)\/responses$/.exec(url.pathname);
    if (!match) {
      sendJson(res, 404, {
        code: 'NOT_FOUND',
        description: 'Endpoint not found',
      });
      return;
    }
    const params = url.searchParams;
    const pageSize = Number(params.get('page_size') ?? 25);
    if (!(pageSize >= 1 && pageSize <= 1000)) {
      sendJson(res, 400, {
        code: 'VALIDATION_ERROR',
        description: 'page_size must be between 1 and 1000',
      });
      return;
    }
    const since = params.has('since')
      ? Number(params.get('since')) * 1000
      : -Infinity;
    const ascending = params.get('sort') === 'submitted_at,asc';
    const matching = options.responses
      .filter(r => r.form === decodeURIComponent(match[1]))
      .filter(r => params.get('completed') !== 'true' || r.completed !== false)
      .filter(r => Date.parse(r.submitted_at) >= since)
      .sort(
        (a, b) =>
          (ascending ? 1 : -1) *
          (Date.parse(a.submitted_at) - Date.parse(b.submitted_at)),
      );
    const items = matching.slice(0, pageSize).map(responseItem);
    sendJson(res, 200, {
      total_items: matching.length,
      page_count: Math.max(1, Math.ceil(matching.length / pageSize)),
      items,
    });
  });
  return {
    ...server,
    options,
    paths: () => server.requests.map(r => decodeURIComponent(r.url)),
  };
}
