// The series chart: a partial period marked, a period without data a gap (never 0), the axis within the KPI's scale
// with evenly spaced ticks in one unit, retention as bars per period.
import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  KpiId,
  KpiSeriesResponse,
  KpiSummary,
  kpiDefinitions,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { emptySummary, summaries } from '../../__testUtils__/fixtures';
import { useKpiFormat } from '../../hooks/useKpiFormat';
import { INITIAL_CHART_SIZE, KpiSeriesChart } from './KpiSeriesChart';

/** A point of a weekly series: a value with its interval, or no data (`null`). */
type PointSpec = {
  value: number;
  low?: number;
  high?: number;
  p90?: number;
  partial?: true;
} | null;

const WEEKS = [
  '2025-06-02',
  '2025-06-09',
  '2025-06-16',
  '2025-06-23',
  '2025-06-30',
];

function summaryOf(kpi: KpiId, spec: Exclude<PointSpec, null>): KpiSummary {
  const base = summaries[kpi] as KpiSummary;
  const interval =
    spec.low !== undefined && base.interval
      ? { ...base.interval, low: spec.low, high: spec.high! }
      : undefined;
  const secondary =
    spec.p90 !== undefined
      ? { ...base.secondary, p90: spec.p90 }
      : base.secondary;
  return { ...base, value: spec.value, interval, secondary } as KpiSummary;
}

function weekly(kpi: KpiId, specs: PointSpec[]): KpiSeriesResponse {
  return {
    entityRef: 'component:default/checkout-service',
    kpi,
    granularity: 'week',
    range: { from: WEEKS[0], to: '2025-07-02', days: 31 },
    thresholds: { ...kpiDefinitions[kpi].defaultTarget, source: 'default' },
    // The last weeks up to the one of 2025-07-02, which is partial when the spec says so.
    points: specs.map((spec, i) => ({
      start: WEEKS[WEEKS.length - specs.length + i],
      end: spec?.partial
        ? '2025-07-02'
        : WEEKS[WEEKS.length - specs.length + i],
      partial: spec?.partial ?? false,
      summary: spec ? summaryOf(kpi, spec) : emptySummary(kpi),
    })),
  };
}

function Chart(props: { series: KpiSeriesResponse }) {
  return <KpiSeriesChart series={props.series} format={useKpiFormat()} />;
}

async function renderChart(series: KpiSeriesResponse) {
  renderInTestApp(<Chart series={series} />);
  return screen.findByTestId(`kpi-chart-${series.kpi}`);
}

const yTicks = (chart: HTMLElement) =>
  [
    ...chart.querySelectorAll(
      '.recharts-yAxis .recharts-cartesian-axis-tick-value',
    ),
  ].map(tick => tick.textContent);

/** The path of a line, by its dash pattern ('none' for the solid value line). */
function linePath(chart: HTMLElement, dashes: string | null) {
  const paths = [...chart.querySelectorAll('path.recharts-line-curve')].filter(
    path => path.getAttribute('stroke-dasharray') === dashes,
  );
  expect(paths).toHaveLength(1);
  return paths[0].getAttribute('d') ?? '';
}

const subpaths = (d: string) => d.split('M').filter(Boolean).length;

describe('KpiSeriesChart', () => {
  // jsdom lays nothing out: the chart's container measures as its initial size, as in a browser tab.
  const measure = Element.prototype.getBoundingClientRect;
  beforeAll(() => {
    Element.prototype.getBoundingClientRect = () =>
      DOMRect.fromRect(INITIAL_CHART_SIZE);
  });
  afterAll(() => {
    Element.prototype.getBoundingClientRect = measure;
  });

  it('ends the effort axis at 7, the top of the scale, even where an interval runs past it', async () => {
    const chart = await renderChart(
      weekly('customer-effort', [
        { value: 5.4, low: 4.9, high: 5.9 },
        { value: 6.2, low: 5.0, high: 7.4 },
        { value: 6.0, low: 5.5, high: 6.5 },
      ]),
    );
    expect(yTicks(chart)).toEqual(['4.5', '5.0', '5.5', '6.0', '6.5', '7.0']);
  });

  it('keeps NPS within −100…100 and ticks it evenly', async () => {
    const chart = await renderChart(
      weekly('recommend', [
        { value: 40, low: -5, high: 85 },
        { value: -60, low: -130, high: 10 },
      ]),
    );
    expect(yTicks(chart)).toEqual(['−100', '−50', '0', '+50', '+100']);
  });

  it('draws a period without data as a gap, not as 0, and says so', async () => {
    const chart = await renderChart(
      weekly('satisfaction', [
        { value: 60, low: 55, high: 65 },
        { value: 61, low: 56, high: 66 },
        null,
        { value: 62, low: 57, high: 67 },
        { value: 64, low: 59, high: 69 },
      ]),
    );
    // Two runs of the line around the gap; a 0 would have joined them (and put 0 % on the axis).
    expect(subpaths(linePath(chart, null))).toBe(2);
    expect(yTicks(chart)).not.toContain('0\u00a0%');
    expect(yTicks(chart)[0]).toBe('55\u00a0%');
    expect(screen.getAllByTestId('kpi-chart-dot')).toHaveLength(4);
    expect(chart).toHaveTextContent(
      'A gap in the line is a period without data, not a zero.',
    );
  });

  it('marks the partial last week: dashed from the last whole week, a hollow dot, a note naming it', async () => {
    const chart = await renderChart(
      weekly('time-to-value', [
        { value: 3600, p90: 7200 },
        { value: 3400, p90: 6900 },
        { value: 3900, p90: 7100 },
        { value: 576, p90: 1000, partial: true },
      ]),
    );
    // The solid line stops at the last whole week; the dashes join it to the partial one.
    expect(subpaths(linePath(chart, null))).toBe(1);
    expect(subpaths(linePath(chart, '5 4'))).toBe(1);
    expect(screen.getAllByTestId('kpi-chart-dot')).toHaveLength(3);
    expect(screen.getAllByTestId('kpi-chart-partial-dot')).toHaveLength(1);
    expect(screen.getByTestId('kpi-chart-partial-note')).toHaveTextContent(
      'Dashed line: the period Jun 30, 2025 – Jul 2, 2025 is not complete yet; its value may still change.',
    );
    expect(chart).toHaveTextContent('Incomplete period');
    // Durations tick in one unit, from 0.
    expect(yTicks(chart)).toEqual([
      '0\u00a0d',
      '1\u00a0d',
      '2\u00a0d',
      '3\u00a0d',
      '4\u00a0d',
      '5\u00a0d',
    ]);
  });

  it('says nothing of partial periods when every period is whole', async () => {
    const chart = await renderChart(
      weekly('satisfaction', [{ value: 60 }, { value: 62 }]),
    );
    expect(screen.queryByTestId('kpi-chart-partial-note')).toBeNull();
    expect(chart.querySelectorAll('path.recharts-line-curve')).toHaveLength(1);
  });

  it('draws retention as a bar per period from 0, the partial one pale, no bar where no period ended', async () => {
    const chart = await renderChart(
      weekly('retention', [
        { value: 91, low: 88, high: 93 },
        null,
        null,
        { value: 89, low: 86, high: 92 },
        { value: 95, low: 80, high: 99, partial: true },
      ]),
    );
    expect(chart.querySelectorAll('.recharts-line-curve')).toHaveLength(0);
    const bars = [...chart.querySelectorAll('.recharts-bar-rectangle path')];
    expect(bars).toHaveLength(3);
    expect(bars.map(bar => bar.getAttribute('fill-opacity'))).toEqual([
      '1',
      '1',
      '0.35',
    ]);
    expect(yTicks(chart)[0]).toBe('0\u00a0%');
    expect(yTicks(chart).pop()).toBe('100\u00a0%');
    expect(screen.getByTestId('kpi-chart-partial-note')).toHaveTextContent(
      'Pale bar: the period Jun 30, 2025 – Jul 2, 2025 is not complete yet',
    );
    expect(chart).toHaveTextContent(
      'Each bar pools the retention periods that end within it',
    );
  });
});
