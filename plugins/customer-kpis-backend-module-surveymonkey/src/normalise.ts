// How a SurveyMonkey response becomes a normalised survey response: choice answers (rating scales, NPS, single
// choice, matrix rows) by question id, each choice named by its id, its numeric value and its label, taken from the
// survey's details. Text answers (text boxes, "other" comments) are never read.
import {
  SurveyAnswer,
  SurveyResponse,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import {
  SmChoice,
  SmQuestionDetails,
  SmResponse,
  SmSurveyDetails,
  parseSmDate,
} from './surveyMonkeyApi';

/** What a survey's details say about one choice: the keys a question mapping may name it by, or N/A. */
interface ChoiceKeys {
  keys: string[];
  notApplicable: boolean;
}

/** The choices of every question of a survey, by choice id. */
export type SurveyChoices = Map<string, ChoiceKeys>;

/** A label that is a whole number, as on NPS (`0` … `10`, or `10 - Extremely likely`) and numbered rating scales. */
function leadingNumber(text: string | undefined): string | undefined {
  return /^\s*(\d{1,2})(?:\s*(?:[-–—:.)]|$))/.exec(text ?? '')?.[1];
}

/**
 * The numeric value of each choice of a question, when the survey gives one: the number its label starts with, when
 * every option's label starts with a distinct number (what the respondent saw, as on NPS' 0–10), else its weight,
 * when every option has a distinct whole-number weight (SurveyMonkey's scoring of rating scales). Otherwise none:
 * the question mapping then names choices by id or label in `scores`.
 */
function numericValues(choices: SmChoice[]): Map<string, string> {
  const scored = choices.filter(choice => !choice.is_na);
  const distinct = (values: (string | undefined)[]) =>
    values.every(v => v !== undefined) &&
    new Set(values).size === values.length;
  const labels = scored.map(choice => leadingNumber(choice.text));
  if (scored.length > 0 && distinct(labels)) {
    return new Map(scored.map((choice, i) => [choice.id, labels[i]!]));
  }
  const weights = scored.map(choice =>
    Number.isInteger(choice.weight) ? String(choice.weight) : undefined,
  );
  if (scored.length > 0 && distinct(weights)) {
    return new Map(scored.map((choice, i) => [choice.id, weights[i]!]));
  }
  return new Map();
}

/** The choices of a survey's questions, read from `GET /v3/surveys/{id}/details`. */
export function surveyChoices(details: SmSurveyDetails): SurveyChoices {
  const choices: SurveyChoices = new Map();
  const questions: SmQuestionDetails[] = (details.pages ?? []).flatMap(
    page => page.questions ?? [],
  );
  for (const question of questions) {
    const options = question.answers?.choices ?? [];
    const values = numericValues(options);
    for (const choice of options) {
      const keys = [choice.id, values.get(choice.id), choice.text?.trim()];
      choices.set(choice.id, {
        keys: keys.filter(
          (k): k is string => typeof k === 'string' && k !== '',
        ),
        notApplicable: choice.is_na === true,
      });
    }
  }
  return choices;
}

/**
 * A response as the survey mapping reads it. A question's answer is keyed by its id; a matrix row's also by
 * `<question id>/<row id>` (a matrix of one row answers under its question id too). A question or row with more than
 * one choice (multiple answers), an N/A choice, or only text, counts as not answered.
 */
export function normaliseResponse(
  surveyId: string,
  response: SmResponse,
  choices: SurveyChoices,
): SurveyResponse {
  const answers: Record<string, SurveyAnswer> = {};
  for (const page of response.pages ?? []) {
    for (const question of page.questions ?? []) {
      const byKey = new Map<string, string[]>();
      for (const answer of question.answers ?? []) {
        if (!answer.choice_id) continue; // text, "other" comments: never read
        const key = answer.row_id
          ? `${question.id}/${answer.row_id}`
          : question.id;
        byKey.set(key, [...(byKey.get(key) ?? []), answer.choice_id]);
      }
      for (const [key, chosen] of byKey) {
        const known = chosen.length === 1 ? choices.get(chosen[0]) : undefined;
        answers[key] =
          chosen.length !== 1 || known?.notApplicable
            ? null
            : { choice: known?.keys ?? [chosen[0]] };
      }
      const rowKeys = [...byKey.keys()].filter(key => key !== question.id);
      if (rowKeys.length === 1 && !byKey.has(question.id)) {
        answers[question.id] = answers[rowKeys[0]];
      }
    }
  }
  const hidden: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.custom_variables ?? {})) {
    if (typeof value === 'string') hidden[name] = value;
  }
  const modified = parseSmDate(response.date_modified);
  return {
    responseId: response.id,
    surveyId,
    submittedAt: Number.isFinite(modified)
      ? new Date(modified).toISOString()
      : response.date_modified,
    answers,
    hidden,
  };
}
