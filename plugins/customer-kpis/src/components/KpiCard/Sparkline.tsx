// A tiny line of a KPI over the window's sub-periods, for a tile; fixed size so it renders without layout.
import { Line, LineChart, YAxis } from 'recharts';
import { SparklinePoint } from '@customer-kpis/backstage-plugin-customer-kpis-common';

/** The sparkline of a tile; renders nothing when fewer than two points have a value. */
export function Sparkline(props: {
  points: SparklinePoint[];
  color: string;
  width?: number;
  height?: number;
}) {
  const { points, color, width = 120, height = 28 } = props;
  if (points.filter(point => point.value !== null).length < 2) return null;
  return (
    <LineChart
      width={width}
      height={height}
      data={points}
      margin={{ top: 2, right: 2, bottom: 2, left: 2 }}
      aria-hidden
    >
      <YAxis hide domain={['dataMin', 'dataMax']} />
      <Line
        type="monotone"
        dataKey="value"
        stroke={color}
        strokeWidth={1.5}
        dot={false}
        isAnimationActive={false}
        connectNulls
      />
    </LineChart>
  );
}
