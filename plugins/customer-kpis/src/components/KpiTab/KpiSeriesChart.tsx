// The time series of one KPI: the value per period, its 95% interval as a band, the target as a line, and p90 for
// the duration KPIs.
import { useTheme } from '@mui/material/styles';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  KpiSeriesResponse,
  kpiDefinitions,
  thresholdsForSummary,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { KpiFormat } from '../../hooks/useKpiFormat';

/** Chart size before the container has measured itself (and in tests, which have no layout). */
export const INITIAL_CHART_SIZE = { width: 640, height: 240 };

interface ChartRow {
  label: string;
  value: number | null;
  band: [number, number] | null;
  p90: number | null;
}

function toRows(series: KpiSeriesResponse, format: KpiFormat): ChartRow[] {
  return series.points.map(point => {
    const { summary } = point;
    return {
      label: format.day(point.start),
      value: summary.value,
      band: summary.interval
        ? [summary.interval.low, summary.interval.high]
        : null,
      p90:
        summary.kpi === 'time-to-value' || summary.kpi === 'time-to-resolve'
          ? summary.secondary.p90
          : null,
    };
  });
}

/** The series chart of one KPI. */
export function KpiSeriesChart(props: {
  series: KpiSeriesResponse;
  format: KpiFormat;
}) {
  const { series, format } = props;
  const theme = useTheme();
  const { kpi } = series;
  const rows = toRows(series, format);
  const last = series.points[series.points.length - 1]?.summary;
  const target = last
    ? thresholdsForSummary(last, series.thresholds).target
    : series.thresholds.target;
  const isDuration = kpiDefinitions[kpi].unit === 'minutes';
  const tick = (value: number) => format.number(kpi, value, { bare: true });

  return (
    <ResponsiveContainer
      width="100%"
      height={INITIAL_CHART_SIZE.height}
      initialDimension={INITIAL_CHART_SIZE}
    >
      <ComposedChart
        data={rows}
        margin={{ top: 8, right: 16, bottom: 0, left: 8 }}
      >
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="label" fontSize={12} />
        <YAxis tickFormatter={tick} fontSize={12} width={64} />
        <Tooltip
          formatter={(value: unknown) =>
            Array.isArray(value)
              ? value.map(v => tick(Number(v))).join(' – ')
              : tick(Number(value))
          }
        />
        <Legend />
        <Area
          dataKey="band"
          name={format.t('tab.interval')}
          stroke="none"
          fill={theme.palette.primary.light}
          fillOpacity={0.25}
          isAnimationActive={false}
        />
        <Line
          dataKey="value"
          name={isDuration ? format.t('tab.p50') : format.t('tab.value')}
          stroke={theme.palette.primary.main}
          strokeWidth={2}
          dot={rows.length <= 31}
          isAnimationActive={false}
        />
        {isDuration && (
          <Line
            dataKey="p90"
            name={format.t('tab.p90')}
            stroke={theme.palette.secondary.main}
            strokeDasharray="4 2"
            dot={false}
            isAnimationActive={false}
          />
        )}
        <ReferenceLine
          y={target}
          stroke={theme.palette.success.main}
          strokeDasharray="6 3"
          label={{
            value: `${format.t('tab.target')} ${tick(target)}`,
            position: 'insideTopRight',
            fontSize: 12,
          }}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
