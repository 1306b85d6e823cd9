import {
  KpiId,
  KpiSeriesResponse,
  KpiSummary,
  KpiSummaryOf,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { emptySummary, summaries } from '../../__testUtils__/fixtures';
import {
  axisTickFormatter,
  effortScaleOf,
  seriesAxis,
  seriesChartRows,
} from './chartRows';

function series(
  kpi: KpiId,
  points: Array<{ summary: KpiSummary; partial?: boolean }>,
): KpiSeriesResponse {
  return {
    entityRef: 'component:default/checkout-service',
    kpi,
    granularity: 'month',
    range: { from: '2025-03-01', to: '2025-06-15', days: 107 },
    thresholds: { target: 30, warning: 0, source: 'default' },
    points: points.map((point, i) => ({
      start: `2025-0${i + 3}-01`,
      end: `2025-0${i + 3}-28`,
      partial: point.partial ?? false,
      summary: point.summary,
    })),
  };
}

const nps = (value: number, low: number, high: number): KpiSummary => ({
  ...summaries.recommend,
  value,
  interval: { ...summaries.recommend.interval!, low, high },
});

const format = {
  locale: 'en-US',
  t: (key: string) => ({ 'units.hours': 'h', 'units.days': 'd' }[key] ?? key),
} as Parameters<typeof axisTickFormatter>[2];

describe('seriesChartRows', () => {
  const rows = seriesChartRows(
    series('recommend', [
      { summary: nps(40, 22, 58) },
      { summary: emptySummary('recommend') },
      { summary: nps(55, 41, 69) },
      { summary: nps(30, -112, 100), partial: true },
    ]),
    day => `day ${day}`,
  );

  it('leaves a period without data as a gap in every line, with no band', () => {
    expect(rows[1]).toMatchObject({
      label: 'day 2025-04-01',
      n: 0,
      value: null,
      solid: null,
      dashed: null,
      band: null,
      bandDashed: null,
      error: null,
    });
  });

  it('takes the partial period off the solid line and its band off the solid band, clipped to −100', () => {
    expect(rows[3]).toMatchObject({
      partial: true,
      value: 30,
      solid: null,
      dashed: 30,
      band: null,
      bandDashed: [-100, 100],
    });
    expect(rows[2]).toMatchObject({ solid: 55, dashed: 55, band: [41, 69] });
    expect(rows[0]).toMatchObject({ solid: 40, dashed: null, alone: true });
  });

  it('gives error bars as distances from the value', () => {
    expect(rows[0].error).toEqual([18, 18]);
    expect(rows[3].error).toEqual([130, 70]);
  });

  it('bounds the axis by the scale and includes the target', () => {
    const axis = seriesAxis(
      series('recommend', [{ summary: nps(80, 70, 104) }]),
      seriesChartRows(
        series('recommend', [{ summary: nps(80, 70, 104) }]),
        String,
      ),
      30,
    );
    // The target (30) is on the axis; the interval's 104 is cut at 100.
    expect(axis.domain).toEqual([30, 100]);
  });
});

describe('effortScaleOf', () => {
  const effort = (scale: 5 | 7, n = 40): KpiSummary => {
    const base = summaries['customer-effort'];
    return {
      ...base,
      n,
      secondary: { ...base.secondary, scale },
    } as KpiSummaryOf<'customer-effort'>;
  };

  it('is 5 only when every point with data is on five points', () => {
    expect(
      effortScaleOf(series('customer-effort', [{ summary: effort(5) }])),
    ).toBe(5);
    expect(
      effortScaleOf(
        series('customer-effort', [
          { summary: effort(5) },
          { summary: effort(7) },
        ]),
      ),
    ).toBe(7);
    expect(
      effortScaleOf(
        series('customer-effort', [
          { summary: effort(5) },
          { summary: effort(7, 0) },
        ]),
      ),
    ).toBe(5);
    expect(effortScaleOf(series('satisfaction', []))).toBe(7);
  });

  it('ends a five-point axis at 5', () => {
    const five = series('customer-effort', [
      { summary: { ...effort(5), value: 4.6 } as KpiSummary },
    ]);
    const axis = seriesAxis(five, seriesChartRows(five, String), 4.5);
    expect(axis.domain[1]).toBe(5);
  });
});

describe('axisTickFormatter', () => {
  it('writes every duration tick in the axis unit', () => {
    const tick = axisTickFormatter(
      'time-to-resolve',
      {
        domain: [0, 1440],
        ticks: [0, 360, 720, 1080, 1440],
        durationUnit: 'hours',
      },
      format,
    );
    expect([0, 360, 1440].map(tick)).toEqual([
      '0\u00a0h',
      '6\u00a0h',
      '24\u00a0h',
    ]);
    const halfDays = axisTickFormatter(
      'time-to-value',
      {
        domain: [0, 2880],
        ticks: [0, 720, 1440, 2160, 2880],
        durationUnit: 'days',
      },
      format,
    );
    expect([0, 720, 2160].map(halfDays)).toEqual([
      '0.0\u00a0d',
      '0.5\u00a0d',
      '1.5\u00a0d',
    ]);
  });

  it('writes as many decimals as the step needs, in the KPI unit', () => {
    const effort = axisTickFormatter(
      'customer-effort',
      { domain: [4, 7], ticks: [4, 4.5, 5, 5.5, 6, 6.5, 7] },
      format,
    );
    expect([4, 6.5].map(effort)).toEqual(['4.0', '6.5']);
    const npsTick = axisTickFormatter(
      'recommend',
      { domain: [-100, 100], ticks: [-100, -50, 0, 50, 100] },
      format,
    );
    expect([-50, 0, 50].map(npsTick)).toEqual(['\u221250', '0', '+50']);
    const csat = axisTickFormatter(
      'satisfaction',
      { domain: [60, 74], ticks: [60, 62, 64] },
      format,
    );
    expect(csat(62)).toBe('62\u00a0%');
  });
});
