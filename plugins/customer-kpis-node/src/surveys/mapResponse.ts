// Turns survey responses, normalised by each tool's module, into NPS, CSAT and CES observations with stable ids,
// and says what it skipped and why. Unanswered questions are skipped, never scored as zero; free text is never read.
import { createHash } from 'node:crypto';
import {
  MAX_OBSERVATION_ID_LENGTH,
  Observation,
  safeParseObservation,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { SurveyBindings, UnboundReason } from './bindings';
import { SurveyQuestion, scoreRange } from './config';

/**
 * A choice answer: the keys that name the chosen option, most stable first (Typeform: the choice's `ref`, `id`,
 * then `label`; SurveyMonkey: `choice_id`; Qualtrics: the recode value). `scores` of the question mapping is
 * looked up with each key in turn; without `scores`, the first key that is a whole number is the score.
 */
export interface SurveyChoice {
  choice: string[];
}

/**
 * One answer as a tool's module hands it over: a number (opinion scale, rating, NPS, number), a choice, or `null`
 * (asked and not answered). A module never passes free text: it has no place here.
 */
export type SurveyAnswer = number | SurveyChoice | null;

/** A survey response normalised by a tool's module. */
export interface SurveyResponse {
  /** The tool's id of the response (Typeform `response_id`/`token`, SurveyMonkey response id, Qualtrics `R_…`). */
  responseId: string;
  /** The survey's or form's id. */
  surveyId: string;
  /** When the response was submitted (or last changed), ISO 8601; the observations' timestamp. */
  submittedAt: string;
  /** Answers by the tool's stable question id; a question absent here was not answered. */
  answers: Readonly<Record<string, SurveyAnswer | undefined>>;
  /** Hidden fields / custom variables / embedded data, by name. */
  hidden: Readonly<Record<string, string>>;
}

/** Why an answer (or a whole response) gave no observation. */
export type SkipReason =
  | UnboundReason
  | 'unanswered'
  | 'unmapped-value'
  | 'out-of-range'
  | 'invalid';

/**
 * An answer or response left out, for dry-run samples and logs. It names the response, the question and the
 * reason; it never quotes an answer's text.
 */
export interface SkippedAnswer {
  responseId: string;
  /** Absent when the whole response was skipped (not bound to any entity). */
  question?: string;
  reason: SkipReason;
  detail: string;
}

/** What {@link mapSurveyResponses} made of a batch of responses. */
export interface MappedResponses {
  observations: Observation[];
  skipped: SkippedAnswer[];
}

/** The most a skipped list holds; further skips are counted in `skippedTotal` of {@link summariseSkipped} only. */
const MAX_SKIPPED_KEPT = 200;

/**
 * The stable id of the observation of one answer for one entity: `survey/{survey id}/{response id}/{question}/{entity ref}`.
 * The same answer always gets the same id, so a response read twice (a second run, a webhook delivered again)
 * is stored once, and an edited response replaces its earlier observation. An id over the store's limit is replaced by
 * `survey/sha256:<hex>` of the same text, which is just as stable.
 */
export function surveyObservationId(
  surveyId: string,
  responseId: string,
  question: string,
  entityRef: string,
): string {
  const id = `survey/${surveyId}/${responseId}/${question}/${entityRef}`;
  return id.length <= MAX_OBSERVATION_ID_LENGTH
    ? id
    : `survey/sha256:${createHash('sha256').update(id).digest('hex')}`;
}

/**
 * The ids of every observation a response could have given under `questions`, for the entities it is bound to: what
 * a source retracts when the tool says the response was deleted.
 */
export function surveyObservationIds(
  response: Pick<SurveyResponse, 'responseId' | 'surveyId'>,
  entityRefs: readonly string[],
  questions: readonly SurveyQuestion[],
): string[] {
  return questionsOfSurvey(questions, response.surveyId).flatMap(q =>
    entityRefs.map(ref =>
      surveyObservationId(
        response.surveyId,
        response.responseId,
        q.question,
        ref,
      ),
    ),
  );
}

/** The question mappings that apply to one survey: those without `survey`, and those naming it. */
export function questionsOfSurvey(
  questions: readonly SurveyQuestion[],
  surveyId: string,
): SurveyQuestion[] {
  return questions.filter(q => q.survey === undefined || q.survey === surveyId);
}

/** What {@link scoreAnswer} makes of an answer: a score, or why it was skipped. */
export type Scored =
  | { score: number }
  | {
      reason: 'unanswered' | 'unmapped-value' | 'out-of-range';
      detail: string;
    };

/** The score of one answer under one question mapping, or why it has none. */
export function scoreAnswer(
  question: SurveyQuestion,
  answer: SurveyAnswer | undefined,
): Scored {
  if (answer === null || answer === undefined) {
    return { reason: 'unanswered', detail: 'not answered' };
  }
  const [min, max] = scoreRange(question);
  const keys =
    typeof answer === 'number'
      ? [String(answer)]
      : answer.choice.filter(Boolean);
  let score: number | undefined;
  if (question.scores) {
    score = keys.map(key => question.scores![key]).find(s => s !== undefined);
    if (score === undefined) {
      return {
        reason: 'unmapped-value',
        detail:
          typeof answer === 'number'
            ? `the answer ${answer} is not in scores`
            : 'the chosen option is not in scores',
      };
    }
  } else if (typeof answer === 'number') {
    score = answer;
  } else {
    const numeric = keys.find(key => /^\d{1,2}$/.test(key.trim()));
    if (numeric === undefined) {
      return {
        reason: 'unmapped-value',
        detail: 'the chosen option is not a number; map it with scores',
      };
    }
    score = Number(numeric);
  }
  if (!Number.isInteger(score) || score < min || score > max) {
    return {
      reason: 'out-of-range',
      detail: `${
        Number.isFinite(score) ? score : 'the answer'
      } is not an integer from ${min} to ${max}; map the scale with scores`,
    };
  }
  return { score };
}

/**
 * Observations of `responses` under `questions`, for the entities `bindings` gives each response, with stable ids
 * ({@link surveyObservationId}). A question a response did not answer is skipped, never scored zero; so is an answer
 * outside the KPI's scale and not mapped by `scores`, and a response bound to no entity. `now` bounds the event
 * times as the backend does, so that what is returned is what the backend accepts.
 */
export function mapSurveyResponses(
  responses: readonly SurveyResponse[],
  questions: readonly SurveyQuestion[],
  bindings: SurveyBindings,
  options: { now?: Date } = {},
): MappedResponses {
  const observations: Observation[] = [];
  const skipped: SkippedAnswer[] = [];
  const skip = (entry: SkippedAnswer) => {
    if (skipped.length < MAX_SKIPPED_KEPT) skipped.push(entry);
  };
  for (const response of responses) {
    const binding = bindings.bind(response.surveyId, response.hidden);
    if ('reason' in binding) {
      skip({
        responseId: response.responseId,
        reason: binding.reason,
        detail: binding.detail,
      });
      continue;
    }
    for (const question of questionsOfSurvey(questions, response.surveyId)) {
      const scored = scoreAnswer(question, response.answers[question.question]);
      if ('reason' in scored) {
        skip({
          responseId: response.responseId,
          question: question.question,
          ...scored,
        });
        continue;
      }
      for (const entityRef of binding.entityRefs) {
        const result = safeParseObservation(
          {
            id: surveyObservationId(
              response.surveyId,
              response.responseId,
              question.question,
              entityRef,
            ),
            kpi: question.kpi,
            entityRef,
            timestamp: response.submittedAt,
            score: scored.score,
            ...(question.kpi === 'customer-effort'
              ? {
                  scale: question.scale,
                  ...(question.inverted ? { inverted: true } : {}),
                }
              : {}),
          },
          { now: options.now },
        );
        if (result.success) {
          observations.push(result.observation);
        } else {
          skip({
            responseId: response.responseId,
            question: question.question,
            reason: 'invalid',
            detail: result.issues.map(issue => issue.message).join('; '),
          });
        }
      }
    }
  }
  return { observations, skipped };
}

/** Counts of skipped answers by reason, for one log line: `unanswered: 3, not-bound: 1`. */
export function summariseSkipped(skipped: readonly SkippedAnswer[]): string {
  const counts = new Map<SkipReason, number>();
  for (const entry of skipped) {
    counts.set(entry.reason, (counts.get(entry.reason) ?? 0) + 1);
  }
  return [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([reason, count]) => `${reason}: ${count}`)
    .join(', ');
}
