// A local stand-in for SurveyMonkey's API v3 (survey details, responses in bulk, one response's details), answering
// in its documented shapes: `{ data, per_page, page, total, links }` lists, bearer tokens, X-Ratelimit-App-Global-*
// headers, and `{ error: { … } }` bodies.
import http from 'node:http';
import {
  TestServer,
  sendJson,
  startTestServer,
} from '@customer-kpis/backstage-plugin-customer-kpis-node/testUtils';

/** Question ids of the fake's surveys. */
export const QUESTION = {
  nps: '600000001',
  csat: '600000002',
  effort: '600000003',
  comment: '600000004',
} as const;

/** The one row of the NPS and CES matrix questions. */
export const ROW = { nps: '610000001', effort: '610000003' } as const;

/** The id of the choice of `value` in a question (N/A: `na`). */
export function choiceId(
  question: keyof typeof QUESTION,
  value: number | 'na',
) {
  return `7${QUESTION[question].slice(-2)}${
    value === 'na' ? '99' : String(value).padStart(2, '0')
  }`;
}

/** A response as the fake stores it. */
export interface FakeSmResponse {
  id: string;
  survey: string;
  /** date_modified, ISO. */
  modified: string;
  status?: 'completed' | 'partial' | 'disqualified' | 'overquota';
  custom?: Record<string, string>;
  answers: {
    nps?: number;
    csat?: number;
    effort?: number | 'na';
    /** Free text: served, never to be stored. */
    comment?: string;
    /** An "other" answer of the CSAT question: text, never to be read. */
    csatOther?: string;
  };
}

export interface FakeSurveyMonkeyOptions {
  responses: FakeSmResponse[];
  /** The surveys that exist; default: those of the responses. */
  surveys?: string[];
  token: string;
  /** Answers a request itself when it returns true: for 429s, 5xx and the like. `index` counts every request. */
  intercept?: (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    index: number,
  ) => boolean;
}

export interface FakeSurveyMonkey extends TestServer {
  options: FakeSurveyMonkeyOptions;
  /** The request URLs without the origin, decoded, in order. */
  paths(): string[];
}

const SM_DATE = (iso: string) =>
  `${new Date(iso).toISOString().slice(0, 19)}+00:00`;

/** `GET /v3/surveys/{id}/details` of a fake survey: NPS (0–10 labels), CSAT (labels, weights 1–5), CES (weights 1–7, N/A) and a comment box. */
export function surveyDetails(surveyId: string) {
  const labelled = (
    q: keyof typeof QUESTION,
    texts: string[],
    weights?: number[],
  ) =>
    texts.map((text, i) => ({
      id: choiceId(q, weights ? weights[i] : i),
      text,
      position: i + 1,
      visible: true,
      ...(weights ? { weight: weights[i] } : {}),
    }));
  const npsLabels: Record<number, string> = {
    0: '0 - Not at all likely',
    10: '10 - Extremely likely',
  };
  const nps = Array.from({ length: 11 }, (_, i) => npsLabels[i] ?? String(i));
  return {
    id: surveyId,
    title: `Survey ${surveyId}`,
    response_count: 0,
    custom_variables: { product: 'product' },
    pages: [
      {
        id: '500000001',
        position: 1,
        questions: [
          {
            id: QUESTION.nps,
            position: 1,
            family: 'matrix',
            subtype: 'rating',
            headings: [
              {
                heading:
                  'How likely are you to recommend us to a friend or colleague?',
              },
            ],
            answers: {
              rows: [{ id: ROW.nps, text: '', position: 1, visible: true }],
              choices: labelled('nps', nps),
            },
          },
          {
            id: QUESTION.csat,
            position: 2,
            family: 'single_choice',
            subtype: 'vertical',
            headings: [{ heading: 'How satisfied are you?' }],
            answers: {
              choices: labelled(
                'csat',
                [
                  'Very dissatisfied',
                  'Dissatisfied',
                  'Neutral',
                  'Satisfied',
                  'Very satisfied',
                ],
                [1, 2, 3, 4, 5],
              ),
              other: {
                id: '7029990',
                text: 'Other (please specify)',
                visible: true,
              },
            },
          },
          {
            id: QUESTION.effort,
            position: 3,
            family: 'matrix',
            subtype: 'rating',
            headings: [{ heading: 'How easy was it?' }],
            answers: {
              rows: [{ id: ROW.effort, text: '', position: 1, visible: true }],
              choices: [
                ...labelled(
                  'effort',
                  [
                    'Very difficult',
                    'Difficult',
                    'Somewhat difficult',
                    'Neutral',
                    'Somewhat easy',
                    'Easy',
                    'Very easy',
                  ],
                  [1, 2, 3, 4, 5, 6, 7],
                ),
                {
                  id: choiceId('effort', 'na'),
                  text: 'N/A',
                  position: 8,
                  visible: true,
                  is_na: true,
                  weight: 0,
                },
              ],
            },
          },
          {
            id: QUESTION.comment,
            position: 4,
            family: 'open_ended',
            subtype: 'essay',
            headings: [{ heading: 'Anything else?' }],
          },
        ],
      },
    ],
  };
}

/** A response as `/responses/bulk` and `/responses/{id}/details` return it. */
export function responseBody(baseUrl: string, response: FakeSmResponse) {
  const { answers } = response;
  const questions: { id: string; answers: Record<string, string>[] }[] = [];
  if (answers.nps !== undefined) {
    questions.push({
      id: QUESTION.nps,
      answers: [{ row_id: ROW.nps, choice_id: choiceId('nps', answers.nps) }],
    });
  }
  if (answers.csat !== undefined || answers.csatOther !== undefined) {
    questions.push({
      id: QUESTION.csat,
      answers: [
        ...(answers.csat !== undefined
          ? [{ choice_id: choiceId('csat', answers.csat) }]
          : []),
        ...(answers.csatOther !== undefined
          ? [{ other_id: '7029990', text: answers.csatOther }]
          : []),
      ],
    });
  }
  if (answers.effort !== undefined) {
    questions.push({
      id: QUESTION.effort,
      answers: [
        { row_id: ROW.effort, choice_id: choiceId('effort', answers.effort) },
      ],
    });
  }
  if (answers.comment !== undefined) {
    questions.push({
      id: QUESTION.comment,
      answers: [{ text: answers.comment }],
    });
  }
  const modified = SM_DATE(response.modified);
  return {
    id: response.id,
    recipient_id: '',
    collection_mode: 'default',
    response_status: response.status ?? 'completed',
    custom_value: '',
    first_name: '',
    last_name: '',
    email_address: '',
    ip_address: '203.0.113.7',
    logic_path: {},
    metadata: {},
    page_path: [],
    collector_id: '400000001',
    survey_id: response.survey,
    custom_variables: response.custom ?? {},
    edit_url: `https://www.surveymonkey.com/r/?sm=edit_${response.id}`,
    analyze_url: `https://www.surveymonkey.com/analyze/browse/x?respondent_id=${response.id}`,
    total_time: 61,
    date_modified: modified,
    date_created: modified,
    href: `${baseUrl}/v3/surveys/${response.survey}/responses/${response.id}`,
    pages: [{ id: '500000001', questions }],
  };
}

function smError(
  res: http.ServerResponse,
  status: number,
  id: string,
  name: string,
  message: string,
) {
  sendJson(res, status, {
    error: {
      id,
      name,
      docs: 'https://developer.surveymonkey.com/api/v3/#error-codes',
      message,
      http_status_code: status,
    },
  });
}

/** Starts the fake. Every answer carries rate-limit headers with a minute budget of 120. */
export async function startFakeSurveyMonkey(
  options: FakeSurveyMonkeyOptions,
): Promise<FakeSurveyMonkey> {
  let url = '';
  const server = await startTestServer((req, res, index) => {
    if (options.intercept?.(req, res, index)) return;
    res.setHeader('X-Ratelimit-App-Global-Minute-Limit', '120');
    res.setHeader(
      'X-Ratelimit-App-Global-Minute-Remaining',
      String(Math.max(0, 119 - index)),
    );
    res.setHeader('X-Ratelimit-App-Global-Minute-Reset', '60');
    res.setHeader('X-Ratelimit-App-Global-Day-Limit', '500');
    res.setHeader(
      'X-Ratelimit-App-Global-Day-Remaining',
      String(Math.max(0, 499 - index)),
    );
    res.setHeader('X-Ratelimit-App-Global-Day-Reset', '43200');
    const auth = /^bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (auth !== options.token) {
      smError(
        res,
        401,
        '1011',
        'Authorization Error',
        'The authorization token provided was invalid.',
      );
      return;
    }
    const requestUrl = new URL(req.url ?? '/', url);
    const surveys = new Set(
      options.surveys ?? options.responses.map(r => r.survey),
    );
    let match = /^\/v3\/surveys\/(\d+)\/details$/.exec(requestUrl.pathname);
    if (match) {
      if (!surveys.has(match[1])) {
        smError(
          res,
          404,
          '1020',
          'Resource Not Found',
          `There was an error retrieving the requested resource.`,
        );
        return;
      }
      sendJson(res, 200, surveyDetails(match[1]));
      return;
    }
    match = /^\/v3\/surveys\/(\d+)\/responses\/(\d+)\/details$/.exec(
      requestUrl.pathname,
    );
    if (match) {
      const [, surveyId, responseId] = match;
      const found = options.responses.find(
        r => r.survey === surveyId && r.id === responseId,
      );
      if (!found) {
        smError(
          res,
          404,
          '1020',
          'Resource Not Found',
          'There was an error retrieving the requested resource.',
        );
        return;
      }
      sendJson(res, 200, responseBody(url, found));
      return;
    }
    match = /^\/v3\/surveys\/(\d+)\/responses\/bulk$/.exec(requestUrl.pathname);
    if (match) {
      const surveyId = match[1];
      const q = requestUrl.searchParams;
      const perPage = Number(q.get('per_page') ?? 50);
      const page = Number(q.get('page') ?? 1);
      if (
        !Number.isInteger(perPage) ||
        perPage < 1 ||
        perPage > 100 ||
        !Number.isInteger(page) ||
        page < 1
      ) {
        smError(
          res,
          400,
          '1002',
          'Invalid Query Parameter',
          'per_page must be from 1 to 100 and page at least 1.',
        );
        return;
      }
      if (!surveys.has(surveyId)) {
        smError(
          res,
          404,
          '1020',
          'Resource Not Found',
          'There was an error retrieving the requested resource.',
        );
        return;
      }
      const start = q.get('start_modified_at');
      const startMs = start ? Date.parse(`${start}Z`) : -Infinity;
      const status = q.get('status');
      const direction =
        (q.get('sort_order') ?? 'DESC').toUpperCase() === 'ASC' ? 1 : -1;
      const selected = options.responses
        .filter(r => r.survey === surveyId)
        .filter(r => !status || (r.status ?? 'completed') === status)
        // Dates are compared to the second, as SurveyMonkey stores them; start_modified_at is inclusive here.
        .filter(
          r => Math.floor(Date.parse(r.modified) / 1000) * 1000 >= startMs,
        )
        .sort(
          (a, b) =>
            direction * (Date.parse(a.modified) - Date.parse(b.modified)) ||
            a.id.localeCompare(b.id),
        );
      const data = selected
        .slice((page - 1) * perPage, page * perPage)
        .map(r => responseBody(url, r));
      const pageUrl = (n: number) => {
        const link = new URL(requestUrl.toString());
        link.searchParams.set('page', String(n));
        return link.toString();
      };
      const last = Math.max(1, Math.ceil(selected.length / perPage));
      sendJson(res, 200, {
        data,
        per_page: perPage,
        page,
        total: selected.length,
        links: {
          self: pageUrl(page),
          ...(page < last
            ? { next: pageUrl(page + 1), last: pageUrl(last) }
            : {}),
          ...(page > 1 ? { prev: pageUrl(page - 1) } : {}),
        },
      });
      return;
    }
    smError(
      res,
      404,
      '1020',
      'Resource Not Found',
      'There was an error retrieving the requested resource.',
    );
  });
  url = server.url;
  return Object.assign(server, {
    options,
    paths: () => server.requests.map(r => decodeURIComponent(r.url)),
  });
}
