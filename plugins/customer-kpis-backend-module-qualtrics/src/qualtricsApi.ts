// The part of Qualtrics' Response Export API the source uses (start an export, poll its progress, download the zip
// holding one JSON file), and how an exported response becomes a normalised survey response.
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  SourceRedactor,
  SurveyAnswer,
  SurveyQuestion,
  SurveyResponse,
  fetchJsonWithRetry,
  parseJsonAnswer,
  retryOptionsOf,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { strFromU8, unzipSync } from 'fflate';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { QualtricsConfig, qualtricsApiBase } from './config';

/** A value of the `values` or `labels` of an exported response. */
type ExportValue = string | number | boolean | null | ExportValue[];

/** One response of a JSON export (`responses[]` of the file). */
export interface QualtricsExportedResponse {
  responseId: string;
  /** Metadata (`recordedDate`, `endDate`, `finished`, …), answers by question id, embedded data by field name. */
  values: Record<string, ExportValue | undefined>;
  /** The choice texts of choice answers, by the same keys. */
  labels?: Record<string, ExportValue | undefined>;
  displayedFields?: string[];
  displayedValues?: Record<string, unknown>;
}

/** The JSON file inside the export's zip. */
export interface QualtricsExportFile {
  responses: QualtricsExportedResponse[];
}

/** `result` of the start and progress calls. */
export interface QualtricsExportProgress {
  progressId?: string;
  percentComplete: number;
  status: 'inProgress' | 'complete' | 'failed';
  fileId?: string | null;
}

/** The answer of the start and progress calls (the parts read). */
const progressSchema = z.looseObject({
  result: z.looseObject({
    progressId: z.string().optional(),
    percentComplete: z.number(),
    status: z.enum(['inProgress', 'complete', 'failed']),
    fileId: z.string().nullish(),
  }),
  meta: z.looseObject({ requestId: z.string().optional() }).optional(),
});

/** The export file: its responses are checked one by one where they are read (a malformed one is left out). */
const exportFileSchema = z.looseObject({ responses: z.array(z.unknown()) });

/** The metadata the source reads; nothing else (no IP address, location or recipient details) leaves Qualtrics. */
export const EXPORTED_METADATA = [
  'startDate',
  'endDate',
  'recordedDate',
  'finished',
  'progress',
];

/**
 * The question ids to ask for (`questionIds`): the `QID…` each mapped key starts with (a matrix row `QID4_1` or an
 * NPS `QID1` both come from their question). Undefined when a mapped key is not a QID, so that nothing is left out.
 */
export function exportedQuestionIds(
  questions: readonly SurveyQuestion[],
): string[] | undefined {
  const ids = questions.map(q => /^(QID\d+)(_|$)/.exec(q.question)?.[1]);
  if (ids.some(id => id === undefined)) return undefined;
  return [...new Set(ids as string[])].sort();
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * One answer as the survey mapping reads it. A number (a choice's recode value, an NPS 0–10, a slider) stays a
 * number, or becomes a choice keyed by the recode and then its label when the export has a label for it (so `scores`
 * may map either). A number written as text counts as that number. Any other text (a text entry) is never passed
 * on: the answer becomes a choice without keys, which scores nothing. Several choices (multi-select) score nothing.
 */
export function normaliseAnswer(
  value: ExportValue | undefined,
  label: ExportValue | undefined,
): SurveyAnswer | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    return value.length === 1
      ? normaliseAnswer(value[0], Array.isArray(label) ? label[0] : label)
      : { choice: [] };
  }
  let number: number | undefined;
  if (typeof value === 'number') number = value;
  else if (typeof value === 'string' && NUMBER.test(value.trim())) {
    number = Number(value.trim());
  }
  if (number === undefined) return { choice: [] };
  return typeof label === 'string' && label.length > 0
    ? { choice: [String(number), label] }
    : number;
}

/** Whether an exported response was finished (`finished` is 1/0 in JSON exports; a missing flag counts as finished). */
export function isFinished(response: QualtricsExportedResponse): boolean {
  const finished = response.values.finished;
  return !(finished === 0 || finished === false || finished === '0');
}

/** When a response was recorded (`recordedDate`), as epoch ms, or NaN. */
export function recordedAt(response: QualtricsExportedResponse): number {
  return Date.parse(String(response.values.recordedDate ?? ''));
}

/**
 * An exported response as the survey mapping reads it: the answers of the mapped question keys only, the embedded
 * data field `hiddenField` only, and as time the respondent's `endDate` (else `recordedDate`).
 */
export function normaliseResponse(
  surveyId: string,
  response: QualtricsExportedResponse,
  questions: readonly SurveyQuestion[],
  hiddenField: string | undefined,
): SurveyResponse {
  const answers: Record<string, SurveyAnswer> = {};
  for (const { question } of questions) {
    const answer = normaliseAnswer(
      response.values[question],
      response.labels?.[question],
    );
    if (answer !== undefined) answers[question] = answer;
  }
  const hidden: Record<string, string> = {};
  const key = hiddenField ? response.values[hiddenField] : undefined;
  if (hiddenField && (typeof key === 'string' || typeof key === 'number')) {
    hidden[hiddenField] = String(key);
  }
  const end = Date.parse(String(response.values.endDate ?? ''));
  return {
    responseId: response.responseId,
    surveyId,
    submittedAt: new Date(
      Number.isFinite(end) ? end : recordedAt(response),
    ).toISOString(),
    answers,
    hidden,
  };
}

function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    bytes[2] === 0x03 &&
    bytes[3] === 0x04
  );
}

/**
 * The JSON text of an export file: the one `.json` entry of the zip Qualtrics sends (`compress: true`, the default),
 * or the body itself when it is not a zip.
 */
export function exportFileText(bytes: Uint8Array): string {
  if (!isZip(bytes)) return strFromU8(bytes);
  const entries = Object.entries(unzipSync(bytes)).filter(
    ([name]) => !name.endsWith('/'),
  );
  const json = entries.filter(([name]) => name.toLowerCase().endsWith('.json'));
  if (json.length !== 1) {
    throw new Error(
      `the export file holds ${json.length} JSON files (${entries
        .map(([name]) => name)
        .join(', ')}); expected exactly one`,
    );
  }
  return strFromU8(json[0][1]);
}

/** A fetch that hands the JSON inside a downloaded zip on as a plain JSON response (errors pass unchanged). */
const unzippingFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  if (!response.ok) return response;
  const text = exportFileText(new Uint8Array(await response.arrayBuffer()));
  return new Response(text, {
    status: response.status,
    headers: { 'content-type': 'application/json' },
  });
};

/** Runs response exports with the config's token, retrying 429 (honouring `Retry-After`) and 5xx. */
export class QualtricsClient {
  constructor(
    private readonly config: QualtricsConfig,
    private readonly token: (url: string) => string,
    private readonly logger: LoggerService,
    private readonly redactor: SourceRedactor,
    private readonly signal?: AbortSignal,
  ) {}

  private url(surveyId: string, ...path: string[]): string {
    return new URL(
      [surveyId, 'export-responses', ...path].map(encodeURIComponent).join('/'),
      qualtricsApiBase(this.config),
    ).toString();
  }

  /** The JSON answer of a request, checked with `schema`. */
  private async request<T>(
    schema: z.ZodType<T>,
    url: string,
    init: RequestInit & { headers?: Record<string, string> },
    download = false,
  ): Promise<T> {
    const body = await fetchJsonWithRetry(
      url,
      {
        ...init,
        headers: {
          'x-api-token': this.token(url),
          accept: download ? 'application/octet-stream' : 'application/json',
          ...init.headers,
        },
      },
      {
        ...retryOptionsOf(this.config),
        logger: this.logger,
        redactor: this.redactor,
        signal: this.signal,
        ...(download
          ? { fetch: unzippingFetch, attemptTimeoutMs: 300_000 }
          : {}),
      },
    );
    return parseJsonAnswer(
      schema,
      body,
      `Qualtrics answered ${new URL(url).pathname}`,
    );
  }

  /**
   * Exports the responses of `surveyId` recorded in [startDate, endDate) and returns them: starts the export, polls
   * its progress every `pollIntervalMs` until it is `complete` (a `failed` export or one that takes longer than
   * `exportTimeoutMinutes` is an error), then downloads and unzips the file.
   */
  async exportResponses(
    surveyId: string,
    body: {
      startDate: string;
      endDate: string;
      questionIds?: string[];
      embeddedDataIds: string[];
    },
  ): Promise<QualtricsExportedResponse[]> {
    const started = await this.request(progressSchema, this.url(surveyId), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        format: 'json',
        compress: true,
        startDate: body.startDate,
        endDate: body.endDate,
        ...(body.questionIds ? { questionIds: body.questionIds } : {}),
        embeddedDataIds: body.embeddedDataIds,
        surveyMetadataIds: EXPORTED_METADATA,
      }),
    });
    const progressId = started.result.progressId;
    if (!progressId) {
      throw new Error(
        `Qualtrics did not return a progressId for the export of survey ${surveyId}`,
      );
    }
    const deadline = Date.now() + this.config.exportTimeoutMinutes * 60_000;
    let progress: QualtricsExportProgress = started.result;
    let requestId = started.meta?.requestId;
    while (progress.status !== 'complete') {
      if (progress.status === 'failed') {
        throw new Error(
          `Qualtrics export ${progressId} of survey ${surveyId} failed${
            requestId ? ` (requestId ${requestId})` : ''
          }; the next run starts it again`,
        );
      }
      if (Date.now() >= deadline) {
        throw new Error(
          `Qualtrics export ${progressId} of survey ${surveyId} was not complete after ${this.config.exportTimeoutMinutes} minutes (at ${progress.percentComplete}%); raise exportTimeoutMinutes`,
        );
      }
      await sleep(this.config.pollIntervalMs, undefined, {
        signal: this.signal,
      });
      const polled = await this.request(
        progressSchema,
        this.url(surveyId, progressId),
        { method: 'GET' },
      );
      progress = polled.result;
      requestId = polled.meta?.requestId;
    }
    if (!progress.fileId) {
      throw new Error(
        `Qualtrics export ${progressId} of survey ${surveyId} is complete but has no fileId`,
      );
    }
    const file = await this.request(
      exportFileSchema,
      this.url(surveyId, progress.fileId, 'file'),
      { method: 'GET' },
      true,
    );
    return file.responses as QualtricsExportFile['responses'];
  }
}
