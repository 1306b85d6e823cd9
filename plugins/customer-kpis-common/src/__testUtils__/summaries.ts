// Test data: summaries of every KPI built from answers, tickets and gauges in a line.
import { kpiAggregators } from '../aggregates';
import { observation, ticket } from './observations';

/** The CSAT summary of `satisfied` answers of 5 and `unsatisfied` answers of 1. */
export function csat(satisfied: number, unsatisfied: number) {
  const { add, empty, summarise } = kpiAggregators.satisfaction;
  let aggregate = empty();
  for (let i = 0; i < satisfied; i++)
    aggregate = add(aggregate, observation('satisfaction', { score: 5 }));
  for (let i = 0; i < unsatisfied; i++)
    aggregate = add(aggregate, observation('satisfaction', { score: 1 }));
  return { aggregate, summary: summarise(aggregate) };
}

/** The NPS summary of the given numbers of promoters (10), passives (8) and detractors (0). */
export function nps(promoters: number, passives: number, detractors: number) {
  const { add, empty, summarise } = kpiAggregators.recommend;
  let aggregate = empty();
  const answers = [
    ...Array(promoters).fill(10),
    ...Array(passives).fill(8),
    ...Array(detractors).fill(0),
  ];
  for (const score of answers)
    aggregate = add(aggregate, observation('recommend', { score }));
  return { aggregate, summary: summarise(aggregate) };
}

/** The customer effort summary of answers on one scale. */
export function effort(scale: 5 | 7, scores: number[]) {
  const { add, empty, summarise } = kpiAggregators['customer-effort'];
  const aggregate = scores.reduce(
    (a, score) => add(a, observation('customer-effort', { scale, score })),
    empty(),
  );
  return { aggregate, summary: summarise(aggregate) };
}

/** The time-to-resolve summary of tickets of the given minutes (business minutes optional, same for all). */
export function resolutions(minutes: number[], businessShare?: number) {
  const { add, empty, summarise } = kpiAggregators['time-to-resolve'];
  const aggregate = minutes.reduce(
    (a, m) =>
      add(
        a,
        ticket(m, businessShare === undefined ? undefined : m * businessShare),
      ),
    empty(),
  );
  return { aggregate, summary: summarise(aggregate) };
}

/** The adoption summary of one gauge. */
export function adoption(
  date: string,
  dau: number,
  mau: number,
  eligible: number,
) {
  const { add, empty, summarise } = kpiAggregators.adoption;
  const aggregate = add(
    empty(),
    observation('adoption', { date, dau, wau: dau, mau, eligible }),
  );
  return { aggregate, summary: summarise(aggregate) };
}
