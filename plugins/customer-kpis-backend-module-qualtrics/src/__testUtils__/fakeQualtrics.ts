// A local stand-in for Qualtrics' Response Export API, answering in its documented shapes: POST export-responses →
// { result: { progressId, percentComplete, status } }, GET export-responses/{progressId} until status complete with a
// fileId, GET export-responses/{fileId}/file → a zip holding one JSON file { responses: [...] }.
import http from 'node:http';
import { strToU8, zipSync } from 'fflate';
import {
  TestServer,
  sendJson,
  startTestServer,
} from '@customer-kpis/backstage-plugin-customer-kpis-node/testUtils';

/** A response as the fake stores it. */
export interface FakeResponse {
  responseId: string;
  survey: string;
  /** When Qualtrics recorded it (what startDate/endDate filter on). */
  recordedDate: string;
  /** When the respondent finished; defaults to a minute before recordedDate. */
  endDate?: string;
  /** `false`: a recorded partial response (closed before the end). */
  finished?: boolean;
  /** Answers by question id: a recode value (with its label), or a text entry. */
  answers: Record<string, number | { value: number; label: string } | string>;
  /** Embedded data by field name. */
  embedded?: Record<string, string>;
  /** The NPS questions among `answers` (they also export `<QID>_NPS_GROUP`); default `['QID1']`. */
  nps?: string[];
}

export interface FakeQualtricsOptions {
  responses: FakeResponse[];
  /** The expected X-API-TOKEN; anything else gets a 401. */
  token: string;
  /** Progress checks before an export is complete (each adds to percentComplete); default 3. */
  pollsToComplete?: number;
  /** Surveys whose exports end with status `failed`. */
  failingSurveys?: string[];
  /** Answers a request itself when it returns true: 429s, 5xx and the like. `index` counts every request. */
  intercept?: (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    index: number,
  ) => boolean;
}

interface Export {
  survey: string;
  responses: ReturnType<typeof exportedResponse>[];
  polls: number;
  fileId: string;
}

export interface FakeQualtrics extends TestServer {
  options: FakeQualtricsOptions;
  /** The bodies of the export requests, in order. */
  exportBodies: Array<Record<string, unknown>>;
  /** `METHOD path` of each request, in order. */
  calls(): string[];
}

const METADATA = [
  'startDate',
  'endDate',
  'status',
  'ipAddress',
  'progress',
  'duration',
  'finished',
  'recordedDate',
  '_recordId',
  'locationLatitude',
  'locationLongitude',
  'distributionChannel',
  'userLanguage',
];

/** A response as an export file holds it: metadata, answers and embedded data in `values`, choice texts in `labels`. */
export function exportedResponse(response: FakeResponse) {
  const recorded = Date.parse(response.recordedDate);
  const end = response.endDate ?? new Date(recorded - 60_000).toISOString();
  const finished = response.finished ?? true;
  const values: Record<string, unknown> = {
    startDate: new Date(Date.parse(end) - 240_000).toISOString(),
    endDate: end,
    status: 0,
    ipAddress: '203.0.113.7',
    progress: finished ? 100 : 40,
    duration: 240,
    finished: finished ? 1 : 0,
    recordedDate: response.recordedDate,
    _recordId: response.responseId,
    locationLatitude: '52.52',
    locationLongitude: '13.40',
    distributionChannel: 'anonymous',
    userLanguage: 'EN',
  };
  const labels: Record<string, unknown> = {
    status: 'IP Address',
    finished: finished ? 'True' : 'False',
  };
  const displayedValues: Record<string, unknown> = {};
  for (const [question, answer] of Object.entries(response.answers)) {
    if (typeof answer === 'string') {
      values[`${question}_TEXT`] = answer;
    } else if (typeof answer === 'number') {
      values[question] = answer;
      labels[question] = String(answer);
      displayedValues[question] = Array.from({ length: 11 }, (_, i) => i);
      if ((response.nps ?? ['QID1']).includes(question)) {
        // an NPS question also exports its group: 1 detractor, 2 passive, 3 promoter
        const group = [answer >= 0, answer >= 7, answer >= 9].filter(
          Boolean,
        ).length;
        values[`${question}_NPS_GROUP`] = group;
        labels[`${question}_NPS_GROUP`] = ['Detractor', 'Passive', 'Promoter'][
          group - 1
        ];
      }
    } else {
      values[question] = answer.value;
      labels[question] = answer.label;
      displayedValues[question] = [1, 2, 3, 4, 5];
    }
  }
  Object.assign(values, response.embedded ?? {});
  return {
    responseId: response.responseId,
    values,
    labels,
    displayedFields: Object.keys(response.answers).map(q =>
      typeof response.answers[q] === 'string' ? `${q}_TEXT` : q,
    ),
    displayedValues,
  };
}

/** Keeps only the fields an export asked for (questionIds, embeddedDataIds, surveyMetadataIds), as Qualtrics does. */
function restrict(
  response: ReturnType<typeof exportedResponse>,
  source: FakeResponse,
  body: Record<string, unknown>,
) {
  const questions = body.questionIds as string[] | undefined;
  const embedded = body.embeddedDataIds as string[] | undefined;
  const metadata = body.surveyMetadataIds as string[] | undefined;
  const keep = (key: string) => {
    if (METADATA.includes(key)) return !metadata || metadata.includes(key);
    if (key in (source.embedded ?? {}))
      return !embedded || embedded.includes(key);
    const qid = /^(QID\d+)/.exec(key)?.[1];
    return !questions || (qid !== undefined && questions.includes(qid));
  };
  const pick = (record: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(record).filter(([key]) => keep(key)));
  return {
    ...response,
    values: pick(response.values),
    labels: pick(response.labels),
    displayedFields: response.displayedFields.filter(keep),
    displayedValues: pick(response.displayedValues),
  };
}

function error(
  res: http.ServerResponse,
  status: number,
  httpStatus: string,
  errorMessage: string,
  errorCode: string,
) {
  sendJson(res, status, {
    meta: {
      httpStatus,
      error: { errorMessage, errorCode },
      requestId: 'a1b2c3d4-0000-4000-8000-000000000000',
    },
  });
}

const DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

export async function startFakeQualtrics(
  options: FakeQualtricsOptions,
): Promise<FakeQualtrics> {
  const exports = new Map<string, Export>();
  const files = new Map<string, Export>();
  const exportBodies: Array<Record<string, unknown>> = [];
  let next = 0;

  const server = await startTestServer((req, res, index) => {
    if (options.intercept?.(req, res, index)) return;
    if (req.headers['x-api-token'] !== options.token) {
      error(res, 401, '401 - Unauthorized', 'Invalid API token', 'AUTH_1');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://qualtrics.test');
    const match =
      /^\/API\/v3\/surveys\/(SV_[A-Za-z0-9]+)\/export-responses(?:\/([^/]+))?(\/file)?$/.exec(
        url.pathname,
      );
    if (!match) {
      error(res, 404, '404 - Not Found', 'Resource not found', 'NOT_FOUND');
      return;
    }
    const [, survey, id, file] = match;
    if (req.method === 'POST' && !id) {
      let raw = '';
      req.on('data', chunk => {
        raw += chunk;
      });
      req.on('end', () => {
        let body: Record<string, unknown>;
        try {
          body = JSON.parse(raw);
        } catch {
          error(res, 400, '400 - Bad Request', 'Invalid JSON', 'RP_0.1');
          return;
        }
        exportBodies.push(body);
        const badDate = [body.startDate, body.endDate].some(
          d => d !== undefined && !(typeof d === 'string' && DATE.test(d)),
        );
        let problem: string | undefined;
        if (body.format !== 'json') problem = 'format: only json in this fake';
        else if (badDate) {
          problem = 'startDate/endDate must be ISO 8601 date-times';
        }
        if (problem) {
          error(res, 400, '400 - Bad Request', problem, 'RP_0.2');
          return;
        }
        const start = body.startDate
          ? Date.parse(body.startDate as string)
          : -Infinity;
        const end = body.endDate
          ? Date.parse(body.endDate as string)
          : Infinity;
        const inProgress = body.exportResponsesInProgress === true;
        const responses = options.responses
          .filter(r => r.survey === survey)
          .filter(r => {
            const at = Date.parse(r.recordedDate);
            return at >= start && at < end;
          })
          .filter(() => !inProgress)
          .map(r => restrict(exportedResponse(r), r, body));
        const progressId = `ES_${String(++next).padStart(15, '0')}`;
        const created: Export = {
          survey,
          responses,
          polls: 0,
          fileId: `${progressId.slice(3)}-def`,
        };
        exports.set(progressId, created);
        files.set(created.fileId, created);
        sendJson(res, 200, {
          result: { progressId, percentComplete: 0.0, status: 'inProgress' },
          meta: { requestId: `req-${next}`, httpStatus: '200 - OK' },
        });
      });
      return;
    }
    if (req.method === 'GET' && id && !file) {
      const progress = exports.get(id);
      if (!progress || progress.survey !== survey) {
        error(res, 404, '404 - Not Found', 'Export not found', 'NOT_FOUND');
        return;
      }
      progress.polls += 1;
      const needed = options.pollsToComplete ?? 3;
      const failed = options.failingSurveys?.includes(survey);
      const done = progress.polls >= needed;
      let status = 'inProgress';
      if (done) status = failed ? 'failed' : 'complete';
      sendJson(res, 200, {
        result: {
          fileId: done && !failed ? progress.fileId : null,
          percentComplete: done
            ? 100
            : Math.round((100 * progress.polls) / needed),
          status,
        },
        meta: { requestId: `poll-${progress.polls}`, httpStatus: '200 - OK' },
      });
      return;
    }
    if (req.method === 'GET' && id && file) {
      const done = files.get(id);
      if (!done || done.survey !== survey) {
        error(res, 404, '404 - Not Found', 'File not found', 'NOT_FOUND');
        return;
      }
      const zip = zipSync({
        [`Customer survey ${survey}.json`]: strToU8(
          JSON.stringify({ responses: done.responses }),
        ),
      });
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-disposition': `attachment; filename="${survey}.zip"`,
      });
      res.end(Buffer.from(zip));
      return;
    }
    error(res, 405, '405 - Method Not Allowed', 'Method not allowed', 'RP_0.3');
  });
  return {
    ...server,
    options,
    exportBodies,
    calls: () =>
      server.requests.map(
        r =>
          `${r.method} ${new URL(r.url, 'http://x').pathname.replace(
            '/API/v3/surveys/',
            '',
          )}`,
      ),
  };
}
