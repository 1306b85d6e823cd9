// The config fragment shared by the survey sources (Typeform, SurveyMonkey, Qualtrics): which question feeds which
// KPI on which scale, and how a response is bound to catalog entities.
import { z } from 'zod';

/** The KPIs a survey question can feed. */
export const SURVEY_KPIS = [
  'recommend',
  'satisfaction',
  'customer-effort',
] as const;

/** A KPI a survey question can feed. */
export type SurveyKpi = (typeof SURVEY_KPIS)[number];

/**
 * One question of a survey and the KPI it feeds. The question is named by the tool's stable id (Typeform: the
 * field's `ref`; SurveyMonkey: the question id; Qualtrics: the question id such as `QID3`), never by its wording.
 */
export const surveyQuestionSchema = z
  .strictObject({
    question: z
      .string()
      .trim()
      .min(1, 'question must name the question id or ref')
      .max(120)
      .meta({ title: 'Question id' })
      .describe(
        "The tool's stable id of the question: Typeform field ref, SurveyMonkey question id, Qualtrics question id (QID…).",
      ),
    kpi: z
      .enum(SURVEY_KPIS)
      .meta({ title: 'KPI' })
      .describe(
        'The KPI the answers feed: recommend (NPS, 0–10), satisfaction (CSAT, 1–5) or customer-effort (CES, 1–5 or 1–7).',
      ),
    survey: z
      .string()
      .trim()
      .min(1)
      .optional()
      .meta({ title: 'Survey id' })
      .describe(
        'Only for this survey/form id; without it the mapping applies to every survey the source reads.',
      ),
    scale: z
      .union([z.literal(5), z.literal(7)])
      .optional()
      .meta({ title: 'Scale points' })
      .describe(
        'customer-effort only: the number of points of the scale, 5 or 7 (required for customer-effort).',
      ),
    inverted: z
      .boolean()
      .optional()
      .meta({ title: 'Inverted scale' })
      .describe(
        'customer-effort only: true when the lowest answer means "very easy" (the engine keeps the direction apart).',
      ),
    scores: z
      .record(z.string().min(1).max(200), z.number().int().min(0).max(10))
      .optional()
      .meta({ title: 'Answer scores' })
      .describe(
        'Maps the tool\'s raw answer (a number written as text, or a choice\'s id, ref or label) to the score on the KPI\'s scale, where the scales differ, e.g. {"0": 1, "1": 2} for a 0–4 CSAT question, or {"Very easy": 7}. Answers it does not list are skipped.',
      ),
  })
  .superRefine((question, ctx) => {
    if (question.kpi === 'customer-effort' && question.scale === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['scale'],
        message: 'scale is required for customer-effort: 5 or 7',
      });
    }
    if (
      question.kpi !== 'customer-effort' &&
      (question.scale !== undefined || question.inverted !== undefined)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: [question.scale !== undefined ? 'scale' : 'inverted'],
        message: `scale and inverted apply to customer-effort only, not to ${question.kpi}`,
      });
    }
    const [min, max] = scoreRange(question);
    for (const [raw, score] of Object.entries(question.scores ?? {})) {
      if (score < min || score > max) {
        ctx.addIssue({
          code: 'custom',
          path: ['scores', raw],
          message: `scores.${raw} must be an integer from ${min} to ${max} for ${question.kpi}`,
        });
      }
    }
  });

/** One question mapping, as parsed. */
export type SurveyQuestion = z.output<typeof surveyQuestionSchema>;

/** The inclusive range of scores of a question's KPI: 0–10, 1–5, or 1 to the CES scale. */
export function scoreRange(
  question: Pick<SurveyQuestion, 'kpi' | 'scale'>,
): [number, number] {
  switch (question.kpi) {
    case 'recommend':
      return [0, 10];
    case 'satisfaction':
      return [1, 5];
    default:
      return [1, question.scale ?? 7];
  }
}

/**
 * The fields every survey source's config has: `questions` (which question feeds which KPI) and `hiddenField` (how
 * a response is bound). Spread them into a source's `z.strictObject({...})` and refine with
 * {@link refineSurveyQuestions}.
 */
export const surveyConfigFields = {
  questions: z
    .array(surveyQuestionSchema)
    .min(1, 'questions must map at least one question to a KPI')
    .max(100)
    .meta({ title: 'Questions' })
    .describe(
      'Which question feeds which KPI. Questions not listed here (free text among them) are never read or stored.',
    ),
  hiddenField: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .optional()
    .meta({ title: 'Product hidden field' })
    .describe(
      'For one survey shared by many products: the hidden field / custom variable / embedded data field whose value names the product; a response is bound to the entities whose customer-kpis.io/survey-key annotation lists that value. Without it, a response is bound to the entities whose survey annotation names its survey id.',
    ),
};

/** The parsed survey fields of a source config. */
export interface SurveyMappingConfig {
  questions: SurveyQuestion[];
  hiddenField?: string;
}

/** `initialLookbackDays` of a survey source: how far back its first run reads responses, a day to ten years. */
export function surveyLookbackField(
  description = 'How far back the first run reads responses.',
) {
  return z
    .number()
    .int()
    .min(1)
    .max(3650)
    .default(365)
    .meta({ title: 'Initial lookback (days)' })
    .describe(description);
}

/**
 * The fields of a survey source that receives signed webhooks: `webhookCredential`, the NAME of the credential the
 * deliveries are verified with, and `webhookMaxAgeHours`, the age beyond which a delivery is refused as stale. The
 * descriptions say what the tool signs with and which date counts.
 */
export function surveyWebhookFields(descriptions: {
  webhookCredential: string;
  webhookMaxAgeHours: string;
}) {
  return {
    webhookCredential: z
      .string()
      .min(1)
      .optional()
      .meta({ title: 'Webhook secret credential' })
      .describe(descriptions.webhookCredential),
    webhookMaxAgeHours: z
      .number()
      .min(1)
      .max(24 * 30)
      .default(72)
      .meta({ title: 'Webhook max age (hours)' })
      .describe(descriptions.webhookMaxAgeHours),
  };
}

/** What {@link refineSurveySource} needs to know of a source's config. */
export interface SurveySourceRules<K extends string> {
  /** The field that lists the surveys to read, e.g. `forms` or `surveys`. */
  listField: K;
  /** What the tool calls a survey, e.g. `form`. */
  noun: string;
  /** What `webhookCredential` holds, for the message that refuses it as `credential`; default `the webhook secret`. */
  webhookSecret?: string;
}

/**
 * The rules every survey source's config follows, for its `.superRefine`: each question of a survey feeds one KPI
 * ({@link refineSurveyQuestions}); binding by hidden field, the surveys must be listed (entities then name a survey
 * key, not a survey); and the webhook credential is not the API credential.
 */
export function refineSurveySource<K extends string>(
  config: SurveyMappingConfig & { [key in K]: readonly string[] } & {
    credential: string;
    webhookCredential?: string;
  },
  ctx: z.RefinementCtx,
  rules: SurveySourceRules<K>,
): void {
  refineSurveyQuestions(config, ctx);
  const { listField, noun } = rules;
  if (config.hiddenField && config[listField].length === 0) {
    ctx.addIssue({
      code: 'custom',
      path: [listField],
      message: `${listField} must list the ${noun} ids when hiddenField binds responses (entities then name a survey key, not a ${noun})`,
    });
  }
  if (
    config.webhookCredential &&
    config.webhookCredential === config.credential
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['webhookCredential'],
      message: `webhookCredential must be another credential than credential: ${
        rules.webhookSecret ?? 'the webhook secret'
      } is for verification only`,
    });
  }
}

/**
 * Refuses a config in which one question of one survey feeds two KPIs (its observation id would not be unique);
 * use it in `.superRefine` of the source's schema.
 */
export function refineSurveyQuestions(
  config: { questions: SurveyQuestion[] },
  ctx: z.RefinementCtx,
): void {
  const seen = new Map<string, number>();
  config.questions.forEach((question, index) => {
    for (const [other, otherIndex] of seen) {
      const [survey, id] = JSON.parse(other) as [string | null, string];
      const overlaps =
        id === question.question &&
        (survey === null ||
          question.survey === undefined ||
          survey === question.survey);
      if (overlaps) {
        ctx.addIssue({
          code: 'custom',
          path: ['questions', index, 'question'],
          message: `question ${question.question} is already mapped by questions[${otherIndex}]; a question feeds one KPI`,
        });
        return;
      }
    }
    seen.set(
      JSON.stringify([question.survey ?? null, question.question]),
      index,
    );
  });
}
