// The contract every KPI aggregate fulfils: empty, add, remove, merge, serialise, parse and summarise, as pure functions.
import { KpiId } from '../kpis/ids';
import { KpiSummaryOf } from './summary';

/** Options of {@link KpiAggregator.summarise}. */
export interface SummariseOptions {
  /**
   * Duration KPIs: the target, in minutes, for "% within target" (time to resolve) and "% reached value within
   * target" (time to value). Default: the KPI's resolved target, else its default target.
   */
  targetMinutes?: number;
  /**
   * Time to resolve: `auto` (default) reads business time when the source gave it for every ticket, else calendar
   * time; `calendar` and `business` force one (business with no business minutes gives no data).
   */
  basis?: 'auto' | 'calendar' | 'business';
}

/**
 * The mergeable aggregate of one KPI. Every function is pure and never mutates its inputs; `merge` is associative
 * and commutative with `empty()` as identity, `remove(add(a, o), o)` equals `a`, and summarising the merge of two
 * aggregates equals summarising the aggregate of all their observations.
 */
export interface KpiAggregator<O extends { kpi: KpiId }, A> {
  readonly kpi: O['kpi'];
  /** The aggregate of no observations. */
  empty(): A;
  /** The aggregate with one more observation. */
  add(aggregate: A, observation: O): A;
  /** The aggregate without an observation added before; throws a RangeError when it cannot hold it. */
  remove(aggregate: A, observation: O): A;
  /** The aggregate of the observations of both. */
  merge(a: A, b: A): A;
  /** How many observations the aggregate holds. */
  count(aggregate: A): number;
  /** Compact JSON text, stable for equal aggregates. */
  serialise(aggregate: A): string;
  /**
   * The aggregate from {@link KpiAggregator.serialise}'s text; throws an Error naming the problem when invalid
   * (or, with `trusted`, only when it is not JSON).
   */
  parse(text: string, options?: AggregateParseOptions): A;
  /**
   * The part of an aggregate that a stored window needs, where it is much smaller than the whole (adoption: the
   * latest day). Summarising it, merging it with other parts and summarising, or adding an observation to it and
   * taking the part again give the same results as with the whole aggregate; `remove` cannot be applied to it.
   * Absent when the whole aggregate is small.
   */
  windowPart?(aggregate: A): A;
  /** The headline value, n, interval and KPI-specific figures. */
  summarise(aggregate: A, options?: SummariseOptions): KpiSummaryOf<O['kpi']>;
}

/** Options of {@link KpiAggregator.parse}. */
export interface AggregateParseOptions {
  /**
   * The text was written by `serialise` and read back from the store: skip the validation (it costs more than
   * the rest of an ingest's aggregate work). Never set it for text from outside.
   */
  trusted?: boolean;
}

/** Thrown by `parse` when stored aggregate text is not a valid aggregate of the KPI. */
export class AggregateParseError extends Error {
  constructor(kpi: KpiId, reason: string) {
    super(`Invalid ${kpi} aggregate: ${reason}`);
    this.name = 'AggregateParseError';
  }
}
