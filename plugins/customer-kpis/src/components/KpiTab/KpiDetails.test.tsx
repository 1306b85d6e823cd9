// The figures under a chart: active users with a gap where a month has no reading, NPS bars pale for a partial period.
import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  KpiId,
  KpiSeriesResponse,
  KpiSummary,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { emptySummary, summaries } from '../../__testUtils__/fixtures';
import { useKpiFormat } from '../../hooks/useKpiFormat';
import { KpiDetails } from './KpiDetails';

const SIZE = { width: 480, height: 180 };

/** Monthly points from March 2025, `null` for a month without data; the last is partial when asked. */
function monthly(
  kpi: KpiId,
  months: Array<KpiSummary | null>,
  partialLast = false,
): KpiSeriesResponse {
  return {
    entityRef: 'component:default/checkout-service',
    kpi,
    granularity: 'month',
    range: { from: '2025-03-01', to: '2025-06-15', days: 107 },
    thresholds: { target: 60, warning: 40, source: 'default' },
    points: months.map((summary, i) => ({
      start: `2025-0${i + 3}-01`,
      end: `2025-0${i + 3}-28`,
      partial: partialLast && i === months.length - 1,
      summary: summary ?? emptySummary(kpi),
    })),
  };
}

function Details(props: { series: KpiSeriesResponse }) {
  const { series } = props;
  return (
    <KpiDetails
      summary={summaries[series.kpi as KpiId] as KpiSummary}
      series={series}
      format={useKpiFormat()}
    />
  );
}

describe('KpiDetails', () => {
  // jsdom lays nothing out: the small charts measure as their initial size.
  const measure = Element.prototype.getBoundingClientRect;
  beforeAll(() => {
    Element.prototype.getBoundingClientRect = () => DOMRect.fromRect(SIZE);
  });
  afterAll(() => {
    Element.prototype.getBoundingClientRect = measure;
  });

  it('breaks the active-user lines at a month without a reading instead of drawing 0 users', async () => {
    const adoption = summaries.adoption;
    renderInTestApp(
      <Details
        series={monthly('adoption', [adoption, null, adoption, adoption])}
      />,
    );
    await screen.findByTestId('kpi-adoption-users');
    const lines = [
      ...document.querySelectorAll('path.recharts-line-curve'),
    ].map(line => line.getAttribute('d') ?? '');
    expect(lines).toHaveLength(3);
    for (const d of lines) {
      expect(d.split('M').filter(Boolean)).toHaveLength(2);
    }
  });

  it('draws the NPS mix of a partial period pale, and no bar for a period without answers', async () => {
    renderInTestApp(
      <Details
        series={monthly(
          'recommend',
          [summaries.recommend, null, summaries.recommend],
          true,
        )}
      />,
    );
    await screen.findByTestId('kpi-nps-breakdown');
    const bars = [...document.querySelectorAll('.recharts-bar-rectangle path')];
    // Two periods with answers, three stacked parts each.
    expect(bars).toHaveLength(6);
    expect(bars.map(bar => bar.getAttribute('fill-opacity')).sort()).toEqual([
      '0.35',
      '0.35',
      '0.35',
      '1',
      '1',
      '1',
    ]);
  });
});
