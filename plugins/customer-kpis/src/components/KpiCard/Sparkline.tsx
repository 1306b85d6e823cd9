// A tiny line of a KPI over the window's sub-periods, for a tile; fixed size so it renders without layout. As on the
// tab's charts: a slice without data is a gap, a partial slice is dashed, and the height stays within the KPI's scale.
import { Line, LineChart, YAxis } from 'recharts';
import {
  EffortScale,
  KpiId,
  SparklinePoint,
  kpiAxis,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { lineParts, valueOrGap } from '../shared/chartLines';

/** The y range of a sparkline: the KPI's axis over its values (a flat line stays flat), else the values' own. */
export function sparklineDomain(
  points: readonly SparklinePoint[],
  kpi?: KpiId,
  effortScale?: EffortScale,
): [number, number] | ['dataMin', 'dataMax'] {
  if (!kpi) return ['dataMin', 'dataMax'];
  const values = points
    .map(valueOrGap)
    .filter((value): value is number => value !== null);
  return kpiAxis(kpi, values, { effortScale }).domain;
}

/** The sparkline of a tile; renders nothing when fewer than two points have a value. */
export function Sparkline(props: {
  points: SparklinePoint[];
  color: string;
  /** The KPI, whose scale bounds the line's height; without it the line spans its own range. */
  kpi?: KpiId;
  /** Customer effort: the answer scale of the values (7 unless said otherwise). */
  effortScale?: EffortScale;
  width?: number;
  height?: number;
}) {
  const { points, color, kpi, effortScale, width = 120, height = 28 } = props;
  if (points.filter(point => valueOrGap(point) !== null).length < 2)
    return null;
  const data = lineParts(points);
  const hasPartial = data.some(part => part.dashed !== null);
  // Between gaps a point has no segment: a dot shows it.
  const dotOn =
    (line: 'solid' | 'dashed') =>
    (dot: { key?: string; cx?: number; cy?: number; index?: number }) => {
      const part = data[dot.index ?? -1];
      const shown = part?.alone && part[line] !== null && dot.cy !== undefined;
      // Recharts wants an element for every point.
      if (!shown || dot.cx === undefined) return <g key={dot.key} />;
      return (
        <circle
          key={dot.key}
          cx={dot.cx}
          cy={dot.cy}
          r={1.5}
          fill={color}
          data-testid="sparkline-dot"
        />
      );
    };
  return (
    <LineChart
      width={width}
      height={height}
      data={data}
      margin={{ top: 2, right: 2, bottom: 2, left: 2 }}
      aria-hidden
    >
      <YAxis
        hide
        domain={sparklineDomain(points, kpi, effortScale)}
        allowDataOverflow={kpi !== undefined}
      />
      {hasPartial && (
        <Line
          dataKey="dashed"
          stroke={color}
          strokeWidth={1.5}
          strokeDasharray="2 2"
          dot={dotOn('dashed')}
          isAnimationActive={false}
        />
      )}
      <Line
        dataKey="solid"
        stroke={color}
        strokeWidth={1.5}
        dot={dotOn('solid')}
        isAnimationActive={false}
      />
    </LineChart>
  );
}
