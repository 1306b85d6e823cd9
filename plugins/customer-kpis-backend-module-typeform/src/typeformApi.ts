// The part of Typeform's Responses API the source reads, and how a Typeform response becomes a normalised survey
// response: numbers (opinion scale, rating, NPS, number) and choices by field ref; text answers are never read.
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  SourceRedactor,
  SurveyAnswer,
  SurveyResponse,
  fetchJsonWithRetry,
  parseJsonAnswer,
  retryOptionsOf,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { z } from 'zod';
import { TypeformConfig, typeformApiBase } from './config';

/** One answer of a response (Responses API `items[].answers[]`, webhook `form_response.answers[]`). */
export interface TypeformAnswer {
  field: { id: string; type: string; ref?: string };
  type: string;
  number?: number;
  choice?: { id?: string; label?: string; ref?: string; other?: string };
  choices?: { ids?: string[]; labels?: string[]; refs?: string[] };
  [other: string]: unknown;
}

/** One response (`items[]` of the Responses API; `form_response` of a webhook has the same answer shape). */
export interface TypeformResponse {
  token: string;
  response_id?: string;
  submitted_at: string;
  landed_at?: string;
  hidden?: Record<string, string>;
  answers?: TypeformAnswer[] | null;
}

/** `GET /forms/{form_id}/responses` (the parts read). */
export interface TypeformResponsePage {
  items: TypeformResponse[];
}

/** What the pull relies on in a page: each response's token and submission time, and each answer's field. */
const responsePageSchema = z.looseObject({
  items: z.array(
    z.looseObject({
      token: z.string().min(1),
      submitted_at: z.string(),
      answers: z
        .array(
          z.looseObject({
            field: z.looseObject({ id: z.string(), type: z.string() }),
            type: z.string(),
          }),
        )
        .nullish(),
    }),
  ),
});

/** The key an answer is mapped by: the field's `ref` (stable across edits of the form), else its id. */
function fieldKey(answer: TypeformAnswer): string {
  return answer.field.ref ?? answer.field.id;
}

/**
 * The answer as the survey mapping reads it. Numbers: `number` (opinion_scale, rating, nps and number fields).
 * Choices: the choice's ref, id, then label (an "other" text is never read). Anything else (text, email, …) is
 * dropped here, so free text never goes further.
 */
function normaliseAnswer(answer: TypeformAnswer): SurveyAnswer | undefined {
  if (answer.type === 'number' && typeof answer.number === 'number') {
    return answer.number;
  }
  if (answer.type === 'choice' && answer.choice) {
    const { ref, id, label } = answer.choice;
    const keys = [ref, id, label].filter(
      (key): key is string => typeof key === 'string' && key.length > 0,
    );
    return keys.length > 0 ? { choice: keys } : null;
  }
  if (answer.type === 'choices' && answer.choices) {
    // A multiple-choice answer feeds a score only when exactly one option was chosen.
    const { refs = [], ids = [], labels = [] } = answer.choices;
    const count = Math.max(refs.length, ids.length, labels.length);
    if (count !== 1) return null;
    return { choice: [refs[0], ids[0], labels[0]].filter(Boolean) as string[] };
  }
  return undefined;
}

/** A Typeform response as the survey mapping reads it. */
export function normaliseResponse(
  formId: string,
  response: TypeformResponse,
): SurveyResponse {
  const answers: Record<string, SurveyAnswer> = {};
  for (const answer of response.answers ?? []) {
    const value = normaliseAnswer(answer);
    if (value !== undefined) answers[fieldKey(answer)] = value;
  }
  return {
    responseId: response.token ?? response.response_id,
    surveyId: formId,
    submittedAt: response.submitted_at,
    answers,
    hidden: Object.fromEntries(
      Object.entries(response.hidden ?? {}).filter(
        ([, value]) => typeof value === 'string',
      ),
    ),
  };
}

/** Reads responses with the config's token, retrying 429 and 5xx. */
export class TypeformClient {
  constructor(
    private readonly config: TypeformConfig,
    private readonly token: (url: string) => string,
    private readonly logger: LoggerService,
    private readonly redactor: SourceRedactor,
    private readonly signal?: AbortSignal,
  ) {}

  /**
   * One page of completed responses of a form submitted at or after `since` (Unix seconds), oldest first
   * (`sort=submitted_at,asc`), at most `pageSize`.
   */
  async responses(
    formId: string,
    since: number,
  ): Promise<TypeformResponsePage> {
    const url = new URL(
      `${encodeURIComponent(formId)}/responses`,
      typeformApiBase(this.config),
    );
    url.searchParams.set('page_size', String(this.config.pageSize));
    url.searchParams.set('since', String(since));
    url.searchParams.set('completed', 'true');
    url.searchParams.set('sort', 'submitted_at,asc');
    const body = await fetchJsonWithRetry(
      url,
      {
        headers: {
          authorization: `Bearer ${this.token(url.toString())}`,
          accept: 'application/json',
        },
      },
      {
        ...retryOptionsOf(this.config),
        logger: this.logger,
        redactor: this.redactor,
        signal: this.signal,
      },
    );
    return parseJsonAnswer(
      responsePageSchema,
      body,
      `Typeform answered ${url.pathname}`,
    );
  }
}
