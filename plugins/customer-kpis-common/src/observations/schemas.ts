// The zod schemas of the observations each KPI accepts: a common envelope plus one payload per KPI, with cross-field rules.
import { z } from 'zod';
import { KpiId } from '../kpis/ids';
import {
  booleanSchema,
  daySchema,
  entityRefSchema,
  integerSchema,
  nonNegativeSchema,
  observationIdSchema,
  timestampSchema,
} from './fields';

/** Business minutes may exceed the calendar duration by this much, because sources round to whole minutes. */
const BUSINESS_MINUTES_TOLERANCE = 1;

// Unknown keys are rejected so that a misspelt optional field (say `bussinessMinutes`) is an error, not lost data.
function envelope<K extends KpiId>(kpi: K) {
  return {
    id: observationIdSchema,
    kpi: z.literal(kpi),
    entityRef: entityRefSchema,
    timestamp: timestampSchema('timestamp').optional(),
  };
}

// A survey answer has no other time than its timestamp, so there it is required.
function surveyEnvelope<K extends KpiId>(kpi: K) {
  return { ...envelope(kpi), timestamp: timestampSchema('timestamp') };
}

/** An NPS answer: "how likely are you to recommend …", 0–10. */
export const recommendObservationSchema = z.strictObject({
  ...surveyEnvelope('recommend'),
  score: integerSchema('score', 0, 10),
});

/** A CSAT answer on a 1–5 scale (5 = very satisfied). */
export const satisfactionObservationSchema = z.strictObject({
  ...surveyEnvelope('satisfaction'),
  score: integerSchema('score', 1, 5),
});

/**
 * A customer effort answer on a 1-based scale whose maximum is `scale` (5 or 7). By default the highest answer means
 * "very easy" (CES 2.0); `inverted: true` says the source's 1 means "very easy".
 */
export const customerEffortObservationSchema = z
  .strictObject({
    ...surveyEnvelope('customer-effort'),
    score: integerSchema('score', 1, 7),
    scale: z.union([z.literal(5), z.literal(7)], {
      error: issue =>
        issue.input === undefined
          ? 'scale is required'
          : 'scale must be 5 or 7',
    }),
    inverted: booleanSchema('inverted').optional(),
  })
  .superRefine((value, ctx) => {
    if (value.score > value.scale) {
      ctx.addIssue({
        code: 'custom',
        path: ['score'],
        message: `score must be an integer from 1 to ${value.scale} on a ${value.scale}-point scale`,
      });
    }
  });

/** A resolved customer request; `businessMinutes` is the source's own business-time duration, when it has one. */
export const timeToResolveObservationSchema = z
  .strictObject({
    ...envelope('time-to-resolve'),
    openedAt: timestampSchema('openedAt'),
    resolvedAt: timestampSchema('resolvedAt'),
    businessMinutes: nonNegativeSchema('businessMinutes').optional(),
  })
  .superRefine((value, ctx) => {
    const calendarMinutes =
      (Date.parse(value.resolvedAt) - Date.parse(value.openedAt)) / 60000;
    if (calendarMinutes < 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['resolvedAt'],
        message: 'resolvedAt must not be before openedAt',
      });
    } else if (
      value.businessMinutes !== undefined &&
      value.businessMinutes > calendarMinutes + BUSINESS_MINUTES_TOLERANCE
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['businessMinutes'],
        message: `businessMinutes must not exceed the calendar time from openedAt to resolvedAt (${calendarMinutes} minutes)`,
      });
    }
  });

/** A customer's journey to first value; `valueAt` absent or null means value is not reached yet (censored). */
export const timeToValueObservationSchema = z
  .strictObject({
    ...envelope('time-to-value'),
    startedAt: timestampSchema('startedAt'),
    valueAt: timestampSchema('valueAt').nullable().optional(),
  })
  .superRefine((value, ctx) => {
    if (
      value.valueAt &&
      Date.parse(value.valueAt) < Date.parse(value.startedAt)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['valueAt'],
        message: 'valueAt must not be before startedAt',
      });
    }
  });

/** One day's active-user gauges of a product: daily, weekly (7 days) and monthly (30 days) actives, and eligible users. */
export const adoptionObservationSchema = z
  .strictObject({
    ...envelope('adoption'),
    date: daySchema('date'),
    dau: integerSchema('dau', 0),
    wau: integerSchema('wau', 0),
    mau: integerSchema('mau', 0),
    eligible: integerSchema('eligible', 0),
  })
  .superRefine((value, ctx) => {
    if (value.dau > value.wau) {
      ctx.addIssue({
        code: 'custom',
        path: ['dau'],
        message: 'dau must not exceed wau',
      });
    }
    if (value.wau > value.mau) {
      ctx.addIssue({
        code: 'custom',
        path: ['wau'],
        message: 'wau must not exceed mau',
      });
    }
    if (value.mau > value.eligible) {
      ctx.addIssue({
        code: 'custom',
        path: ['mau'],
        message: 'mau must not exceed eligible',
      });
    }
  });

/** One retention period: customers at its start (S), at its end (E), and new during it (N). */
export const retentionObservationSchema = z
  .strictObject({
    ...envelope('retention'),
    periodStart: daySchema('periodStart'),
    periodEnd: daySchema('periodEnd'),
    start: integerSchema('start', 0),
    end: integerSchema('end', 0),
    new: integerSchema('new', 0),
  })
  .superRefine((value, ctx) => {
    if (value.periodEnd < value.periodStart) {
      ctx.addIssue({
        code: 'custom',
        path: ['periodEnd'],
        message: 'periodEnd must not be before periodStart',
      });
    }
    if (value.new > value.end) {
      ctx.addIssue({
        code: 'custom',
        path: ['new'],
        message: 'new must not exceed end (E ≥ N)',
      });
    } else if (value.end - value.new > value.start) {
      ctx.addIssue({
        code: 'custom',
        path: ['end'],
        message:
          'end − new must not exceed start (E − N ≤ S: more customers kept than there were)',
      });
    }
  });

/** The observation schema of each KPI. */
export const observationSchemas = {
  adoption: adoptionObservationSchema,
  'time-to-value': timeToValueObservationSchema,
  'time-to-resolve': timeToResolveObservationSchema,
  'customer-effort': customerEffortObservationSchema,
  satisfaction: satisfactionObservationSchema,
  retention: retentionObservationSchema,
  recommend: recommendObservationSchema,
} as const satisfies Record<KpiId, z.ZodType>;

/** Any observation, discriminated by `kpi`. */
export const observationSchema = z.discriminatedUnion('kpi', [
  adoptionObservationSchema,
  timeToValueObservationSchema,
  timeToResolveObservationSchema,
  customerEffortObservationSchema,
  satisfactionObservationSchema,
  retentionObservationSchema,
  recommendObservationSchema,
]);

/** A validated, normalised observation of KPI `K`. */
export type ObservationOf<K extends KpiId> = z.output<
  (typeof observationSchemas)[K]
>;
/** An observation of KPI `K` as a client sends it (before normalisation). */
export type ObservationInputOf<K extends KpiId> = z.input<
  (typeof observationSchemas)[K]
>;
/** Any validated, normalised observation. */
export type Observation = z.output<typeof observationSchema>;
/** Any observation as a client sends it. */
export type ObservationInput = z.input<typeof observationSchema>;

/** An NPS answer. */
export type RecommendObservation = ObservationOf<'recommend'>;
/** A CSAT answer. */
export type SatisfactionObservation = ObservationOf<'satisfaction'>;
/** A customer effort answer. */
export type CustomerEffortObservation = ObservationOf<'customer-effort'>;
/** A resolved request. */
export type TimeToResolveObservation = ObservationOf<'time-to-resolve'>;
/** A journey to first value. */
export type TimeToValueObservation = ObservationOf<'time-to-value'>;
/** One day's active-user gauges. */
export type AdoptionObservation = ObservationOf<'adoption'>;
/** One retention period. */
export type RetentionObservation = ObservationOf<'retention'>;
