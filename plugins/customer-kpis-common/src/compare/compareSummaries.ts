// Whether a KPI changed between two periods: the delta, and a significance test chosen for the KPI's statistic.
import { DEFAULT_MINIMUM_SAMPLE, kpiDefinitions } from '../kpis/definitions';
import { z } from 'zod';
import { KPI_IDS } from '../kpis/ids';
import { KpiSummary, KpiSummaryOf } from '../aggregates/summary';
import { SIGNIFICANCE_LEVEL } from '../stats/distributions';
import {
  TestResult,
  npsDifferenceTest,
  twoProportionZTest,
  welchTTest,
} from '../stats/tests';

/** The zod schema of a {@link KpiComparison}, for the API that serves comparisons. */
export const kpiComparisonSchema = z.object({
  kpi: z.enum(KPI_IDS),
  previous: z.number().nullable(),
  current: z.number().nullable(),
  /** current − previous, in the KPI's unit; null when either is missing. */
  delta: z.number().nullable(),
  /** Whether the change is significant at 95% (two-sided p < 0.05). Never below the minimum sample. */
  significant: z.boolean(),
  pValue: z.number().optional(),
  /** The test behind the verdict. */
  test: z.enum([
    'two-proportion-z',
    'nps-difference-z',
    'welch-t',
    'welch-t-log-duration',
    'none',
  ]),
  /** Better or worse only when the change is significant. */
  change: z.enum([
    'better',
    'worse',
    'no-significant-change',
    'insufficient-data',
  ]),
  /** Why there is no verdict (too few answers, different scales…). */
  reason: z.string().optional(),
});

/** The comparison of one KPI over two periods. */
export type KpiComparison = z.infer<typeof kpiComparisonSchema>;
/** The name of the test behind a comparison. */
export type ComparisonTest = KpiComparison['test'];
/** How a KPI changed: better or worse only when the change is significant. */
export type KpiChange = KpiComparison['change'];

/** Options of {@link compareSummaries}. */
export interface CompareOptions {
  /** Below this n (in either period) a sampled KPI is never called significant. Default 30. */
  minimumSample?: number;
}

type Tested = {
  test: ComparisonTest;
  result: TestResult | null;
  reason?: string;
};

function proportion(x1: number, n1: number, x2: number, n2: number): Tested {
  return {
    test: 'two-proportion-z',
    result: twoProportionZTest(x1, n1, x2, n2),
  };
}

function logDuration(
  a: KpiSummaryOf<'time-to-value' | 'time-to-resolve'>,
  b: KpiSummaryOf<'time-to-value' | 'time-to-resolve'>,
): Tested {
  const moments = (s: typeof a) =>
    s.secondary.logMean === null || s.secondary.logSd === null
      ? null
      : { mean: s.secondary.logMean, sd: s.secondary.logSd, n: s.n };
  const [ma, mb] = [moments(a), moments(b)];
  return {
    test: 'welch-t-log-duration',
    result: ma && mb ? welchTTest(ma, mb) : null,
  };
}

function runTest(previous: KpiSummary, current: KpiSummary): Tested {
  switch (previous.kpi) {
    case 'adoption': {
      const c = current as typeof previous;
      return proportion(
        previous.secondary.mau,
        previous.secondary.eligible,
        c.secondary.mau,
        c.secondary.eligible,
      );
    }
    case 'retention': {
      const c = current as typeof previous;
      return proportion(
        previous.secondary.kept,
        previous.secondary.start,
        c.secondary.kept,
        c.secondary.start,
      );
    }
    case 'satisfaction': {
      const c = current as typeof previous;
      return proportion(
        previous.secondary.satisfied,
        previous.n,
        c.secondary.satisfied,
        c.n,
      );
    }
    case 'recommend': {
      const c = current as typeof previous;
      return {
        test: 'nps-difference-z',
        result: npsDifferenceTest(previous.secondary, c.secondary),
      };
    }
    case 'customer-effort': {
      const c = current as typeof previous;
      if (previous.secondary.scale !== c.secondary.scale) {
        return {
          test: 'none',
          result: null,
          reason: 'the periods are on different answer scales',
        };
      }
      const moments = (s: typeof previous) =>
        s.secondary.mean === null || s.secondary.sd === null
          ? null
          : { mean: s.secondary.mean, sd: s.secondary.sd, n: s.n };
      const [ma, mb] = [moments(previous), moments(c)];
      return { test: 'welch-t', result: ma && mb ? welchTTest(ma, mb) : null };
    }
    case 'time-to-resolve': {
      const c = current as typeof previous;
      if (previous.basis !== c.basis) {
        return {
          test: 'none',
          result: null,
          reason: 'the periods use calendar and business time',
        };
      }
      return logDuration(previous, c);
    }
    default:
      return logDuration(previous, current as typeof previous);
  }
}

/**
 * Compares the summaries of one KPI over two periods. Tests: proportions (CSAT, adoption, retention) by the
 * two-proportion z-test; NPS by the z-test of the difference with the +1/0/−1 variances; the customer effort mean
 * by Welch's t-test; durations by Welch's t-test on ln(1 + minutes) (a test of the geometric mean ratio, from the
 * histogram). The verdict follows the sign of the tested statistic and the KPI's direction.
 */
export function compareSummaries(
  previous: KpiSummary,
  current: KpiSummary,
  options: CompareOptions = {},
): KpiComparison {
  if (previous.kpi !== current.kpi) {
    throw new Error(`Cannot compare ${previous.kpi} with ${current.kpi}`);
  }
  const kpi = previous.kpi;
  const definition = kpiDefinitions[kpi];
  const delta =
    previous.value === null || current.value === null
      ? null
      : current.value - previous.value;
  const base = { kpi, previous: previous.value, current: current.value, delta };
  const minimumSample = options.minimumSample ?? DEFAULT_MINIMUM_SAMPLE;
  if (delta === null) {
    return {
      ...base,
      significant: false,
      test: 'none',
      change: 'insufficient-data',
      reason: 'no data in a period',
    };
  }
  if (
    definition.minimumSampleApplies &&
    (previous.n < minimumSample || current.n < minimumSample)
  ) {
    return {
      ...base,
      significant: false,
      test: 'none',
      change: 'insufficient-data',
      reason: `fewer than ${minimumSample} in a period`,
    };
  }
  const { test, result, reason } = runTest(previous, current);
  if (!result) {
    return {
      ...base,
      significant: false,
      test,
      change: 'insufficient-data',
      reason: reason ?? 'too few values',
    };
  }
  const significant =
    result.pValue < SIGNIFICANCE_LEVEL && result.statistic !== 0;
  const improved =
    definition.direction === 'higher'
      ? result.statistic > 0
      : result.statistic < 0;
  let change: KpiChange = 'no-significant-change';
  if (significant) change = improved ? 'better' : 'worse';
  return { ...base, significant, pValue: result.pValue, test, change };
}
