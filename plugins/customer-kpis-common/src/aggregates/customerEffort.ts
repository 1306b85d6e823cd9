// The customer effort aggregate: answers counted per score on each scale (5 and 7), never mixed into one number.
import { z } from 'zod';
import { CustomerEffortObservation } from '../observations/schemas';
import { meanFromCounts } from '../stats/mean';
import { wilsonPercentInterval } from '../stats/wilson';
import {
  addCounts,
  adjustCount,
  countVectorSchema,
  parseAggregateText,
  percent,
  total,
} from './codec';
import { KpiAggregator } from './types';

/**
 * Answers per score on each scale, normalised so that the highest score means "very easy":
 * `scale7[s − 1]` answers of s on the 7-point scale, `scale5[s − 1]` on the 5-point scale.
 */
export interface CustomerEffortAggregate {
  scale5: readonly number[];
  scale7: readonly number[];
}

/** The first "easy" score of each scale: 5–7 of 7 (CES 2.0 "agree"), 4–5 of 5. */
const FIRST_EASY_SCORE = { 5: 4, 7: 5 } as const;

/**
 * The score of an answer with the highest value meaning "very easy": an inverted source's s becomes scale + 1 − s.
 * Lossless: the observation keeps the source's score, scale and direction.
 */
export function normalisedEffortScore(
  observation: CustomerEffortObservation,
): number {
  return observation.inverted
    ? observation.scale + 1 - observation.score
    : observation.score;
}

function adjust(
  aggregate: CustomerEffortAggregate,
  observation: CustomerEffortObservation,
  delta: 1 | -1,
) {
  const index = normalisedEffortScore(observation) - 1;
  return observation.scale === 7
    ? {
        scale5: aggregate.scale5,
        scale7: adjustCount(aggregate.scale7, index, delta),
      }
    : {
        scale5: adjustCount(aggregate.scale5, index, delta),
        scale7: aggregate.scale7,
      };
}

function scaleFigures(counts: readonly number[], scale: 5 | 7) {
  const n = total(counts);
  const easy = counts
    .slice(FIRST_EASY_SCORE[scale] - 1)
    .reduce((a, b) => a + b, 0);
  return {
    ...meanFromCounts(counts, 1),
    n,
    easy,
    easyPercent: percent(easy, n),
  };
}

const jsonSchema = z.object({
  v: z.literal(1),
  c5: countVectorSchema(5),
  c7: countVectorSchema(7),
});

/**
 * The customer effort aggregate. The headline is the mean on the 7-point scale when any 7-point answer exists, else
 * on the 5-point scale (`secondary.scale` says which); the other scale's answers are reported beside it.
 */
export const customerEffortAggregator: KpiAggregator<
  CustomerEffortObservation,
  CustomerEffortAggregate
> = {
  kpi: 'customer-effort',
  empty: () => ({ scale5: new Array(5).fill(0), scale7: new Array(7).fill(0) }),
  add: (aggregate, observation) => adjust(aggregate, observation, 1),
  remove: (aggregate, observation) => adjust(aggregate, observation, -1),
  merge: (a, b) => ({
    scale5: addCounts(a.scale5, b.scale5),
    scale7: addCounts(a.scale7, b.scale7),
  }),
  count: aggregate => total(aggregate.scale5) + total(aggregate.scale7),
  serialise: aggregate =>
    JSON.stringify({ v: 1, c5: aggregate.scale5, c7: aggregate.scale7 }),
  parse(text, options) {
    const json = parseAggregateText(
      'customer-effort',
      text,
      jsonSchema,
      options,
    );
    return { scale5: json.c5, scale7: json.c7 };
  },
  summarise(aggregate) {
    const scale: 5 | 7 =
      total(aggregate.scale7) > 0 || total(aggregate.scale5) === 0 ? 7 : 5;
    const otherScale: 5 | 7 = scale === 7 ? 5 : 7;
    const counts = scale === 7 ? aggregate.scale7 : aggregate.scale5;
    const headline = scaleFigures(counts, scale);
    const other = scaleFigures(
      scale === 7 ? aggregate.scale5 : aggregate.scale7,
      otherScale,
    );
    return {
      kpi: 'customer-effort',
      n: headline.n,
      value: headline.mean,
      unit: 'score',
      ...(headline.interval && {
        interval: {
          ...headline.interval,
          level: 0.95 as const,
          method: 't' as const,
        },
      }),
      secondary: {
        scale,
        mean: headline.mean,
        sd: headline.sd,
        easy: headline.easy,
        easyPercent: headline.easyPercent,
        easyInterval: wilsonPercentInterval(headline.easy, headline.n) ?? null,
        distribution: [...counts],
        otherScale:
          other.n > 0
            ? {
                scale: otherScale,
                n: other.n,
                mean: other.mean,
                easyPercent: other.easyPercent,
              }
            : null,
      },
    };
  },
};
