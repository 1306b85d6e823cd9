// The tile's sparkline: gaps for slices without data, the partial slice dashed, a height within the KPI's scale.
import { render } from '@testing-library/react';
import { SparklinePoint } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { Sparkline, sparklineDomain } from './Sparkline';

/** Slices of ten days; `null` is a slice without data, a trailing `p` marks the slice holding today. */
function slices(...values: Array<number | null | 'p'>): SparklinePoint[] {
  const partialLast = values[values.length - 1] === 'p';
  const numbers = (partialLast ? values.slice(0, -1) : values) as Array<
    number | null
  >;
  return numbers.map((value, i) => ({
    start: `2025-06-${String(i * 10 + 1).padStart(2, '0')}`,
    end: `2025-06-${String(i * 10 + 10).padStart(2, '0')}`,
    value,
    n: value === null ? 0 : 25,
    partial: partialLast && i === numbers.length - 1,
  }));
}

function renderSparkline(points: SparklinePoint[]) {
  const { container } = render(
    <Sparkline points={points} color="#123456" kpi="satisfaction" />,
  );
  const lines = [...container.querySelectorAll('path.recharts-line-curve')];
  return {
    container,
    solid: lines.find(line => !line.getAttribute('stroke-dasharray')),
    dashed: lines.find(line => line.getAttribute('stroke-dasharray')),
    dots: container.querySelectorAll('[data-testid="sparkline-dot"]'),
  };
}

const subpaths = (path?: Element) =>
  (path?.getAttribute('d') ?? '').split('M').filter(Boolean).length;

describe('Sparkline', () => {
  it('leaves a gap for a slice without data instead of joining across it or dropping to 0', () => {
    const { solid, dashed, dots } = renderSparkline(slices(61, null, 63, 64));
    expect(subpaths(solid)).toBe(2);
    expect(dashed).toBeUndefined();
    // The first slice, between the start and the gap, is shown by a dot.
    expect(dots).toHaveLength(1);
  });

  it('dashes the way to the partial slice that holds today', () => {
    const { solid, dashed } = renderSparkline(slices(61, 62, 63, 40, 'p'));
    expect(subpaths(solid)).toBe(1);
    expect(subpaths(dashed)).toBe(1);
    expect(dashed).toHaveAttribute('stroke-dasharray', '2 2');
  });

  it('draws nothing with fewer than two slices with data; a value without n is no data', () => {
    const points = slices(61, null, null);
    points[1] = { ...points[1], value: 0 };
    expect(renderSparkline(points).container).toBeEmptyDOMElement();
  });

  it('spans at least the KPI unit’s narrowest range, within its scale', () => {
    // 60.1 → 60.3 % is noise, not a cliff: the line gets 12 points of height.
    expect(sparklineDomain(slices(60.1, 60.3), 'satisfaction')).toEqual([
      54, 66,
    ]);
    expect(sparklineDomain(slices(6.8, 6.9), 'customer-effort')).toEqual([
      6, 7,
    ]);
    expect(sparklineDomain(slices(4.8, 4.9), 'customer-effort', 5)).toEqual([
      4, 5,
    ]);
    expect(sparklineDomain(slices(98, 99.5), 'retention')).toEqual([90, 100]);
    // Without the KPI, the values' own range.
    expect(sparklineDomain(slices(1, 2))).toEqual(['dataMin', 'dataMax']);
  });
});
