// The mechanics shared by aggregates that count answers per score (NPS, CSAT): one count per score value.
import { z } from 'zod';
import { KpiId } from '../kpis/ids';
import {
  addCounts,
  adjustCount,
  countVectorSchema,
  parseAggregateText,
  total,
} from './codec';
import { KpiAggregator } from './types';

/** Answers per score value; which index holds which score is the KPI's choice. */
export interface AnswerCountsAggregate {
  counts: readonly number[];
}

/**
 * Everything but `summarise` of an answer-count aggregate: `size` scores, the observation's score at
 * `indexOf(observation)`. Serialised as `{ v: 1, c: counts }`.
 */
export function answerCountsAggregator<K extends KpiId, O extends { kpi: K }>(
  kpi: K,
  size: number,
  indexOf: (observation: O) => number,
): Omit<KpiAggregator<O, AnswerCountsAggregate>, 'summarise'> {
  const jsonSchema = z.object({ v: z.literal(1), c: countVectorSchema(size) });
  return {
    kpi,
    empty: () => ({ counts: new Array(size).fill(0) }),
    add: (aggregate, observation) => ({
      counts: adjustCount(aggregate.counts, indexOf(observation), 1),
    }),
    remove: (aggregate, observation) => ({
      counts: adjustCount(aggregate.counts, indexOf(observation), -1),
    }),
    merge: (a, b) => ({ counts: addCounts(a.counts, b.counts) }),
    count: aggregate => total(aggregate.counts),
    serialise: aggregate => JSON.stringify({ v: 1, c: aggregate.counts }),
    parse: (text, options) => ({
      counts: parseAggregateText(kpi, text, jsonSchema, options).c,
    }),
  };
}
