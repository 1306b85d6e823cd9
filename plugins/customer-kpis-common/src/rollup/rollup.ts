// Rollups of one KPI across entities: the pooled value (sum numerators and denominators) beside the unweighted mean.
import { AggregateOf, kpiAggregators, mergeAll } from '../aggregates';
import { KpiSummary, KpiSummaryOf } from '../aggregates/summary';
import { KpiAggregator, SummariseOptions } from '../aggregates/types';
import { KpiId } from '../kpis/ids';
import { ObservationOf } from '../observations/schemas';

/** A KPI rolled up across entities. */
export interface KpiRollup<K extends KpiId = KpiId> {
  kpi: K;
  /** The summary of the merged aggregates: every answer (or user) counts once, so big entities weigh more. */
  pooled: KpiSummaryOf<K>;
  /** The mean of the entities' values: every entity counts once, so one large entity cannot hide the others. */
  unweightedMean: number | null;
  /** Entities given. */
  entities: number;
  /** Entities whose value entered the unweighted mean. */
  entitiesWithData: number;
  /** What the reader must know: additive active users, mixed scales or time bases. */
  warnings: string[];
}

/**
 * Rolls up the aggregates of one KPI, one per entity (each already merged over the window). Each entity is
 * summarised with the pooled summary's conventions (same time basis, same answer scale) so that the unweighted
 * mean never mixes them.
 */
export function rollup<K extends KpiId>(
  kpi: K,
  aggregates: readonly AggregateOf<K>[],
  options: SummariseOptions = {},
): KpiRollup<K> {
  return rollupOfMembers(
    kpi,
    mergeAll(kpi, aggregates),
    aggregates.map(aggregate => ({ aggregate })),
    options,
  );
}

/**
 * A member of a rollup: its summary made with the rollup's options (if already known, e.g. stored), and its
 * aggregate, which is needed when there is no summary or when the summary's time basis is not the pooled one.
 */
export interface RollupMember<K extends KpiId = KpiId> {
  /** The member's summary, made with the rollup's options. */
  summary?: KpiSummary;
  /** The member's aggregate over the window. */
  aggregate?: AggregateOf<K>;
}

/**
 * {@link rollup} from parts a caller may already hold: the members' merged aggregate and each member's summary,
 * so that a store rolling up many groups summarises each entity once, not once per group it belongs to.
 */
export function rollupOfMembers<K extends KpiId>(
  kpi: K,
  pooledAggregate: AggregateOf<K>,
  members: readonly RollupMember<K>[],
  options: SummariseOptions = {},
): KpiRollup<K> {
  const aggregator = kpiAggregators[kpi] as unknown as KpiAggregator<
    ObservationOf<K>,
    AggregateOf<K>
  >;
  const pooled = aggregator.summarise(pooledAggregate, options) as KpiSummary;
  const warnings: string[] = [];
  const entityOptions: SummariseOptions =
    pooled.kpi === 'time-to-resolve'
      ? { ...options, basis: pooled.basis }
      : options;
  const summaries: KpiSummary[] = members.map(member => {
    const known = member.summary;
    // A summary made with the automatic basis is the one of the pooled basis when the two bases agree.
    if (
      known &&
      (known.kpi !== 'time-to-resolve' ||
        pooled.kpi !== 'time-to-resolve' ||
        known.basis === pooled.basis)
    )
      return known;
    if (member.aggregate === undefined)
      throw new Error(
        `A ${kpi} rollup member has neither a usable summary nor an aggregate`,
      );
    return aggregator.summarise(member.aggregate, entityOptions) as KpiSummary;
  });

  let comparable = summaries.filter(summary => summary.value !== null);
  if (pooled.kpi === 'customer-effort') {
    const scale = pooled.secondary.scale;
    const sameScale = comparable.filter(
      s => s.kpi === 'customer-effort' && s.secondary.scale === scale,
    );
    if (sameScale.length < comparable.length || pooled.secondary.otherScale) {
      warnings.push(
        `Customer effort answers on a ${
          scale === 7 ? 5 : 7
        }-point scale are left out of the ${scale}-point values.`,
      );
    }
    comparable = sameScale;
  }
  if (pooled.kpi === 'adoption' && comparable.length > 0) {
    warnings.push(
      'Active users are summed across entities, assuming their user bases do not overlap.',
    );
    if (pooled.secondary.gauges < comparable.length) {
      warnings.push(
        `Only ${pooled.secondary.gauges} of ${comparable.length} entities reported on ${pooled.secondary.date}; the pooled value reads that day.`,
      );
    }
  }
  if (pooled.kpi === 'time-to-resolve' && pooled.basis === 'calendar') {
    const withBusiness = summaries.filter(
      s => s.kpi === 'time-to-resolve' && s.secondary.business.n > 0,
    );
    if (withBusiness.length > 0) {
      warnings.push(
        'Not every ticket has business time: the rollup reads calendar time for all entities.',
      );
    }
  }
  const unweightedMean =
    comparable.length === 0
      ? null
      : comparable.reduce(
          (sum, summary) => sum + (summary.value as number),
          0,
        ) / comparable.length;
  return {
    kpi,
    pooled: pooled as KpiSummaryOf<K>,
    unweightedMean,
    entities: members.length,
    entitiesWithData: comparable.length,
    warnings,
  };
}
