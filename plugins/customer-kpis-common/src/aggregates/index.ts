// The aggregator of every KPI, and an untyped façade for code that holds a KPI id of unknown origin (the backend).
import { KpiId, isKpiId } from '../kpis/ids';
import { Observation, ObservationOf } from '../observations/schemas';
import { AdoptionAggregate, adoptionAggregator } from './adoption';
import {
  CustomerEffortAggregate,
  customerEffortAggregator,
} from './customerEffort';
import { RecommendAggregate, recommendAggregator } from './recommend';
import { RetentionAggregate, retentionAggregator } from './retention';
import { SatisfactionAggregate, satisfactionAggregator } from './satisfaction';
import { KpiSummary } from './summary';
import {
  TimeToResolveAggregate,
  timeToResolveAggregator,
} from './timeToResolve';
import { TimeToValueAggregate, timeToValueAggregator } from './timeToValue';
import {
  KpiAggregator,
  AggregateParseOptions,
  SummariseOptions,
} from './types';

/** The aggregate type of each KPI. */
export interface KpiAggregates {
  adoption: AdoptionAggregate;
  'time-to-value': TimeToValueAggregate;
  'time-to-resolve': TimeToResolveAggregate;
  'customer-effort': CustomerEffortAggregate;
  satisfaction: SatisfactionAggregate;
  retention: RetentionAggregate;
  recommend: RecommendAggregate;
}

/** The aggregate of KPI `K`. */
export type AggregateOf<K extends KpiId> = KpiAggregates[K];

/** The aggregator of every KPI, keyed by id. */
export const kpiAggregators: {
  readonly [K in KpiId]: KpiAggregator<ObservationOf<K>, AggregateOf<K>>;
} = {
  adoption: adoptionAggregator,
  'time-to-value': timeToValueAggregator,
  'time-to-resolve': timeToResolveAggregator,
  'customer-effort': customerEffortAggregator,
  satisfaction: satisfactionAggregator,
  retention: retentionAggregator,
  recommend: recommendAggregator,
};

/**
 * The aggregator of a KPI known only at run time. Aggregates are opaque values; `add` and `remove` refuse an
 * observation of another KPI, so a mixed-up bucket fails loudly instead of counting wrong.
 */
export interface UntypedKpiAggregator {
  readonly kpi: KpiId;
  empty(): unknown;
  add(aggregate: unknown, observation: Observation): unknown;
  remove(aggregate: unknown, observation: Observation): unknown;
  merge(a: unknown, b: unknown): unknown;
  count(aggregate: unknown): number;
  serialise(aggregate: unknown): string;
  parse(text: string, options?: AggregateParseOptions): unknown;
  /** {@link KpiAggregator.windowPart}, or the aggregate itself when the KPI keeps whole aggregates. */
  windowPart(aggregate: unknown): unknown;
  /** Whether {@link UntypedKpiAggregator.windowPart} drops anything (then a removal needs the whole aggregate). */
  readonly hasWindowPart: boolean;
  summarise(aggregate: unknown, options?: SummariseOptions): KpiSummary;
}

/** The aggregator of `kpi` behind an untyped façade; throws an Error for an unknown KPI id. */
export function aggregatorFor(kpi: string): UntypedKpiAggregator {
  if (!isKpiId(kpi)) {
    throw new Error(`Unknown KPI "${kpi}"`);
  }
  const typed = kpiAggregators[kpi] as unknown as KpiAggregator<
    Observation,
    unknown
  >;
  const check = (observation: Observation) => {
    if (observation.kpi !== kpi) {
      throw new Error(
        `Cannot aggregate a ${observation.kpi} observation into a ${kpi} aggregate`,
      );
    }
    return observation;
  };
  return {
    kpi,
    empty: () => typed.empty(),
    add: (aggregate, observation) => typed.add(aggregate, check(observation)),
    remove: (aggregate, observation) =>
      typed.remove(aggregate, check(observation)),
    merge: (a, b) => typed.merge(a, b),
    count: aggregate => typed.count(aggregate),
    serialise: aggregate => typed.serialise(aggregate),
    parse: (text, options) => typed.parse(text, options),
    windowPart: aggregate =>
      typed.windowPart ? typed.windowPart(aggregate) : aggregate,
    hasWindowPart: typed.windowPart !== undefined,
    summarise: (aggregate, options) =>
      typed.summarise(aggregate, options) as KpiSummary,
  };
}

/** Summarises the serialised aggregate of `kpi` (a convenience for stored buckets). */
export function summariseSerialised(
  kpi: KpiId,
  text: string,
  options?: SummariseOptions,
): KpiSummary {
  const aggregator = aggregatorFor(kpi);
  return aggregator.summarise(aggregator.parse(text), options);
}

/** Merges any number of aggregates of one KPI, starting from the empty aggregate. */
export function mergeAll<K extends KpiId>(
  kpi: K,
  aggregates: readonly AggregateOf<K>[],
): AggregateOf<K> {
  const aggregator = kpiAggregators[kpi] as unknown as KpiAggregator<
    ObservationOf<K>,
    AggregateOf<K>
  >;
  return aggregates.reduce(
    (merged, aggregate) => aggregator.merge(merged, aggregate),
    aggregator.empty(),
  );
}
