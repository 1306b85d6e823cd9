// The time series of one KPI: the value per period, its 95% interval as a band, the target as a line, and p90 for
// the duration KPIs; retention as a bar per period. A partial period is dashed, a period without data is a gap, and
// the axis stays within the KPI's scale.
import { SVGProps } from 'react';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import {
  Area,
  Bar,
  CartesianGrid,
  Cell,
  ComposedChart,
  ErrorBar,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  TooltipProps,
  XAxis,
  YAxis,
} from 'recharts';
import {
  KpiId,
  KpiSeriesResponse,
  kpiDefinitions,
  thresholdsForSummary,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { KpiFormat } from '../../hooks/useKpiFormat';
import {
  SeriesChartRow,
  axisTickFormatter,
  effortScaleOf,
  seriesAxis,
  seriesChartRows,
} from './chartRows';

/** Chart size before the container has measured itself (and in tests, which have no layout). */
export const INITIAL_CHART_SIZE = { width: 640, height: 240 };

// Daily points of a month keep their dots; beyond, only a point between gaps gets one.
const MAX_POINTS_WITH_DOTS = 31;

/** "Jun 30, 2025" for a day, "Jun 30, 2025 – Jul 6, 2025" for a longer period. */
export function periodText(
  row: Pick<SeriesChartRow, 'start' | 'end'>,
  format: KpiFormat,
): string {
  return row.start === row.end
    ? format.day(row.start)
    : `${format.day(row.start)} – ${format.day(row.end)}`;
}

function SeriesTooltip(
  props: TooltipProps<number, string> & {
    kpi: KpiId;
    scale: number;
    format: KpiFormat;
  },
) {
  const { active, payload, kpi, scale, format } = props;
  const row = payload?.[0]?.payload as SeriesChartRow | undefined;
  if (!active || !row) return null;
  const { t } = format;
  const number = (value: number) => format.number(kpi, value, { scale });
  const band = row.band ?? row.bandDashed;
  const p90 = row.p90 ?? row.p90Dashed;
  return (
    <Paper variant="outlined" sx={{ p: 1 }}>
      <Typography variant="caption" component="div">
        {periodText(row, format)}
        {row.partial && ` · ${t('tab.partial')}`}
      </Typography>
      {row.value === null ? (
        <Typography variant="body2">{t('tab.noDataInPeriod')}</Typography>
      ) : (
        <>
          <Typography variant="body2">
            {number(row.value)} · {t('tile.n', { n: format.count(row.n) })}
          </Typography>
          {band && (
            <Typography variant="body2">
              {t('tab.interval')} {number(band[0])} – {number(band[1])}
            </Typography>
          )}
          {p90 !== null && (
            <Typography variant="body2">
              {t('tab.p90')} {number(p90)}
            </Typography>
          )}
        </>
      )}
    </Paper>
  );
}

/** The series chart of one KPI. */
export function KpiSeriesChart(props: {
  series: KpiSeriesResponse;
  format: KpiFormat;
}) {
  const { series, format } = props;
  const { t } = format;
  const theme = useTheme();
  const { kpi } = series;
  const rows = seriesChartRows(series, format.day);
  const last = series.points[series.points.length - 1]?.summary;
  const target = last
    ? thresholdsForSummary(last, series.thresholds).target
    : series.thresholds.target;
  const isDuration = kpiDefinitions[kpi].unit === 'minutes';
  // Retention is counted per period (S, E, N): a bar per period says so; a line would invent values between them.
  const asBars = kpi === 'retention';
  const axis = seriesAxis(series, rows, target, { includeZero: asBars });
  const tick = axisTickFormatter(kpi, axis, format);
  const scale = effortScaleOf(series);
  const partial = rows.filter(row => row.partial && row.value !== null);
  const hasGap = rows.some(row => row.value === null);
  const main = theme.palette.primary.main;
  // Recharts asks for an element for every point, with or without a value: an empty group draws nothing.
  const dotWhere =
    (
      shows: (row: SeriesChartRow) => boolean,
      look: SVGProps<SVGCircleElement>,
    ) =>
    (dot: { key?: string; cx?: number; cy?: number; index?: number }) => {
      const row = rows[dot.index ?? -1];
      if (!row || !shows(row) || dot.cx === undefined || dot.cy === undefined)
        return <g key={dot.key} />;
      return <circle key={dot.key} cx={dot.cx} cy={dot.cy} {...look} />;
    };
  const solidDot = dotWhere(
    row =>
      row.solid !== null && (rows.length <= MAX_POINTS_WITH_DOTS || row.alone),
    {
      r: 3,
      fill: main,
      'data-testid': 'kpi-chart-dot',
    } as SVGProps<SVGCircleElement>,
  );
  const partialDot = dotWhere(row => row.partial && row.dashed !== null, {
    r: 4,
    fill: theme.palette.background.paper,
    stroke: main,
    strokeWidth: 2,
    'data-testid': 'kpi-chart-partial-dot',
  } as SVGProps<SVGCircleElement>);

  return (
    <Box data-testid={`kpi-chart-${kpi}`}>
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
          <YAxis
            domain={axis.domain}
            ticks={axis.ticks}
            // A handful of ticks, all shown: recharts would drop some it measures as crowded.
            interval={0}
            allowDataOverflow
            tickFormatter={tick}
            fontSize={12}
            width={64}
          />
          <Tooltip
            content={<SeriesTooltip kpi={kpi} scale={scale} format={format} />}
          />
          <Legend />
          {asBars ? (
            <Bar
              dataKey="value"
              name={t('tab.value')}
              fill={main}
              isAnimationActive={false}
            >
              {rows.map(row => (
                <Cell
                  key={row.start}
                  fillOpacity={row.partial ? 0.35 : 1}
                  stroke={main}
                  strokeDasharray={row.partial ? '4 2' : undefined}
                  data-testid={
                    row.partial ? 'kpi-chart-partial-bar' : undefined
                  }
                />
              ))}
              <ErrorBar
                dataKey="error"
                width={4}
                stroke={theme.palette.text.secondary}
                direction="y"
              />
            </Bar>
          ) : (
            <>
              <Area
                dataKey="band"
                name={t('tab.interval')}
                stroke="none"
                fill={theme.palette.primary.light}
                fillOpacity={0.25}
                isAnimationActive={false}
              />
              {partial.length > 0 && (
                <Area
                  dataKey="bandDashed"
                  legendType="none"
                  stroke="none"
                  fill={theme.palette.primary.light}
                  fillOpacity={0.12}
                  isAnimationActive={false}
                />
              )}
              {partial.length > 0 && (
                <Line
                  dataKey="dashed"
                  name={t('tab.partial')}
                  stroke={main}
                  strokeWidth={2}
                  strokeDasharray="5 4"
                  dot={partialDot}
                  activeDot={false}
                  isAnimationActive={false}
                />
              )}
              <Line
                dataKey="solid"
                name={isDuration ? t('tab.p50') : t('tab.value')}
                stroke={main}
                strokeWidth={2}
                dot={solidDot}
                isAnimationActive={false}
              />
              {isDuration && (
                <Line
                  dataKey="p90"
                  name={t('tab.p90')}
                  stroke={theme.palette.secondary.main}
                  strokeDasharray="4 2"
                  dot={false}
                  isAnimationActive={false}
                />
              )}
              {isDuration && partial.length > 0 && (
                <Line
                  dataKey="p90Dashed"
                  legendType="none"
                  stroke={theme.palette.secondary.main}
                  strokeOpacity={0.5}
                  strokeDasharray="4 2"
                  dot={false}
                  activeDot={false}
                  isAnimationActive={false}
                />
              )}
            </>
          )}
          <ReferenceLine
            y={target}
            stroke={theme.palette.success.main}
            strokeDasharray="6 3"
            label={{
              value: `${t('tab.target')} ${format.number(kpi, target, {
                bare: true,
              })}`,
              position: 'insideTopRight',
              fontSize: 12,
            }}
          />
        </ComposedChart>
      </ResponsiveContainer>
      <Box data-testid={`kpi-chart-notes-${kpi}`}>
        {partial.length > 0 && (
          <Typography
            variant="caption"
            color="text.secondary"
            component="p"
            data-testid="kpi-chart-partial-note"
          >
            {t(asBars ? 'tab.partialBarNote' : 'tab.partialNote', {
              periods: partial.map(row => periodText(row, format)).join(', '),
            })}
          </Typography>
        )}
        {hasGap && !asBars && (
          <Typography variant="caption" color="text.secondary" component="p">
            {t('tab.gapNote')}
          </Typography>
        )}
        {asBars && (
          <Typography variant="caption" color="text.secondary" component="p">
            {t('tab.retentionBars')}
          </Typography>
        )}
      </Box>
    </Box>
  );
}
