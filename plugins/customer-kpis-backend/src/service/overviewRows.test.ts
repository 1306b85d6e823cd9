// Why an overview cell has no verdict on its change, from the engine's own summaries and comparison.
import {
  KpiSummary,
  aggregatorFor,
  compareSummaries,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { changeReasonOf } from './overviewRows';

const MINIMUM = 30;

/** The summary of `count` customer-effort answers of 5 on a `scale`-point scale (and one 4, for a spread). */
function effort(scale: 5 | 7, count: number): KpiSummary {
  const aggregator = aggregatorFor('customer-effort');
  let aggregate = aggregator.empty();
  for (let i = 0; i < count; i++) {
    aggregate = aggregator.add(aggregate, {
      kpi: 'customer-effort',
      id: `a${i}`,
      entityRef: 'component:default/a',
      timestamp: '2025-01-01T00:00:00Z',
      score: i === 0 ? 4 : 5,
      scale,
    });
  }
  return aggregator.summarise(aggregate);
}

function reason(before: KpiSummary, now: KpiSummary) {
  const comparison = compareSummaries(before, now, {
    minimumSample: MINIMUM,
  });
  return changeReasonOf(before, now, comparison, MINIMUM);
}

describe('changeReasonOf', () => {
  it('gives no reason when the change is judged', () => {
    expect(reason(effort(7, 40), effort(7, 40))).toBeUndefined();
  });

  it('names the window without data first, then a sample below the minimum', () => {
    expect(reason(effort(7, 40), effort(7, 0))).toBe('no-data');
    expect(reason(effort(7, 0), effort(7, 0))).toBe('no-data');
    expect(reason(effort(7, 0), effort(7, 40))).toBe('no-previous-data');
    expect(reason(effort(7, 29), effort(7, 40))).toBe('small-sample');
    expect(reason(effort(7, 40), effort(7, 29))).toBe('small-sample');
  });

  it('says when no test applies to the two windows (answers on different scales)', () => {
    expect(reason(effort(5, 40), effort(7, 40))).toBe('no-test');
  });
});
