import fc from 'fast-check';
import { observationArbitraries } from '../__testUtils__/observations';
import { KPI_IDS, KpiId } from '../kpis/ids';
import { ObservationOf } from '../observations/schemas';
import { AggregateOf, kpiAggregators } from '.';
import { kpiSummarySchema } from './summary';
import { KpiAggregator } from './types';

/** Freezes a value deeply, so that any mutation by the code under test throws. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe.each(KPI_IDS.map(kpi => [kpi]))('the %s aggregate', (kpi: KpiId) => {
  const aggregator = kpiAggregators[kpi] as unknown as KpiAggregator<
    ObservationOf<KpiId>,
    AggregateOf<KpiId>
  >;
  const arbitrary = observationArbitraries[kpi] as fc.Arbitrary<
    ObservationOf<KpiId>
  >;
  const observations = fc.array(arbitrary, { maxLength: 25 });
  const aggregateOf = (list: readonly ObservationOf<KpiId>[]) =>
    list.reduce(
      (aggregate, o) => aggregator.add(deepFreeze(aggregate), o),
      aggregator.empty(),
    );
  const aggregates = observations.map(aggregateOf);

  it('merges associatively and commutatively, with empty() as identity', () => {
    fc.assert(
      fc.property(aggregates, aggregates, aggregates, (a, b, c) => {
        [a, b, c].forEach(deepFreeze);
        expect(aggregator.merge(a, b)).toEqual(aggregator.merge(b, a));
        expect(aggregator.merge(aggregator.merge(a, b), c)).toEqual(
          aggregator.merge(a, aggregator.merge(b, c)),
        );
        expect(aggregator.merge(a, aggregator.empty())).toEqual(a);
      }),
    );
  });

  it('undoes add with remove', () => {
    fc.assert(
      fc.property(observations, arbitrary, (list, extra) => {
        const before = deepFreeze(aggregateOf(list));
        expect(
          aggregator.remove(deepFreeze(aggregator.add(before, extra)), extra),
        ).toEqual(before);
        expect(aggregator.count(aggregator.add(before, extra))).toBe(
          aggregator.count(before) + 1,
        );
      }),
    );
  });

  it('keeps in its window part everything that summaries, merges and later additions need', () => {
    const part = (aggregate: AggregateOf<KpiId>) =>
      aggregator.windowPart ? aggregator.windowPart(aggregate) : aggregate;
    fc.assert(
      fc.property(aggregates, aggregates, arbitrary, (a, b, extra) => {
        [a, b].forEach(deepFreeze);
        expect(part(part(a))).toEqual(part(a));
        expect(aggregator.summarise(part(a))).toEqual(aggregator.summarise(a));
        expect(
          aggregator.summarise(aggregator.merge(part(a), part(b))),
        ).toEqual(aggregator.summarise(aggregator.merge(a, b)));
        expect(part(aggregator.add(part(a), extra))).toEqual(
          part(aggregator.add(a, extra)),
        );
      }),
    );
  });

  it('summarises the merge of two aggregates as the aggregate of all their observations', () => {
    fc.assert(
      fc.property(observations, observations, (xs, ys) => {
        const merged = aggregator.merge(aggregateOf(xs), aggregateOf(ys));
        const all = aggregateOf([...xs, ...ys]);
        expect(aggregator.summarise(merged)).toEqual(aggregator.summarise(all));
        expect(aggregator.serialise(merged)).toBe(aggregator.serialise(all));
      }),
    );
  });

  it('round-trips through serialise and parse, and summarises to a valid, JSON-safe KpiSummary', () => {
    fc.assert(
      fc.property(aggregates, aggregate => {
        const text = aggregator.serialise(aggregate);
        expect(aggregator.parse(text, { trusted: true })).toEqual(
          aggregator.parse(text),
        );
        expect(aggregator.parse(aggregator.serialise(aggregate))).toEqual(
          aggregate,
        );
        const summary = aggregator.summarise(aggregate);
        expect(kpiSummarySchema.parse(summary)).toEqual(summary);
        expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
        expect(summary.value === null).toBe(
          summary.kpi === 'adoption'
            ? summary.n === 0 || summary.secondary.eligible === 0
            : summary.n === 0,
        );
      }),
    );
  });

  it('refuses to remove what it does not hold', () => {
    fc.assert(
      fc.property(arbitrary, o => {
        expect(() => aggregator.remove(aggregator.empty(), o)).toThrow(
          RangeError,
        );
      }),
    );
  });
});
