// The chart beside the overview table: the rows of the page ranked by the Customer-Centricity Index, or two KPIs of
// every row against each other (e.g. NPS against time to resolve).
import { useMemo } from 'react';
import Box from '@mui/material/Box';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  KPI_IDS,
  KpiId,
  OverviewRow,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { formatNumber } from '../../format';
import { KpiFormat } from '../../hooks/useKpiFormat';
import { cellValue } from './OverviewCells';
import { ChartKind, RollupMethod } from './leadershipState';

/** How many rows the ranking shows at most, so that the bars stay readable. */
export const RANKING_LIMIT = 15;

const INITIAL_SIZE = { width: 420, height: 420 };

export interface OverviewChartProps {
  rows: readonly OverviewRow[];
  rollup: RollupMethod;
  chart: ChartKind;
  x: KpiId;
  y: KpiId;
  format: KpiFormat;
  onChange: (change: { chart?: ChartKind; x?: KpiId; y?: KpiId }) => void;
}

/** The rows of a page with an index, best first. */
export function rankingRows(rows: readonly OverviewRow[]) {
  return rows
    .filter(row => row.cci.value !== null)
    .map(row => ({ title: row.title, cci: row.cci.value as number }))
    .sort((a, b) => b.cci - a.cci)
    .slice(0, RANKING_LIMIT);
}

/** The rows of a page that have both KPIs, as points. */
export function scatterPoints(
  rows: readonly OverviewRow[],
  x: KpiId,
  y: KpiId,
  rollup: RollupMethod,
) {
  return rows.flatMap(row => {
    const xv = cellValue(row.kpis[x], rollup);
    const yv = cellValue(row.kpis[y], rollup);
    return xv === null || yv === null
      ? []
      : [{ title: row.title, x: xv, y: yv }];
  });
}

function KpiSelect(props: {
  id: string;
  label: string;
  value: KpiId;
  format: KpiFormat;
  onChange: (kpi: KpiId) => void;
}) {
  return (
    <FormControl size="small" sx={{ minWidth: 150, flex: 1 }}>
      <InputLabel id={`${props.id}-label`}>{props.label}</InputLabel>
      <Select
        labelId={`${props.id}-label`}
        label={props.label}
        value={props.value}
        onChange={event => props.onChange(event.target.value as KpiId)}
        data-testid={props.id}
      >
        {KPI_IDS.map(kpi => (
          <MenuItem key={kpi} value={kpi}>
            {props.format.kpiTitle(kpi)}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

function RankingChart(props: {
  rows: readonly OverviewRow[];
  format: KpiFormat;
}) {
  const theme = useTheme();
  const { format } = props;
  const data = useMemo(() => rankingRows(props.rows), [props.rows]);
  if (data.length === 0) return <NoData format={format} />;
  const height = Math.max(160, data.length * 26 + 40);
  return (
    <Box data-testid="overview-chart-ranking">
      <Typography variant="caption" color="text.secondary">
        {format.t('leadership.chart.rankingCaption', {
          count: String(data.length),
        })}
      </Typography>
      <ResponsiveContainer
        width="100%"
        height={height}
        initialDimension={{ width: INITIAL_SIZE.width, height }}
      >
        <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis
            type="number"
            domain={[0, 100]}
            tickFormatter={v => formatNumber(v, format.locale)}
          />
          <YAxis
            type="category"
            dataKey="title"
            width={130}
            tick={{ fontSize: 11 }}
            interval={0}
          />
          <Tooltip
            formatter={(value: number) => [
              formatNumber(value, format.locale, { max: 1 }),
              format.t('leadership.columns.cciFull'),
            ]}
          />
          <Bar dataKey="cci" fill={theme.palette.primary.main} />
        </BarChart>
      </ResponsiveContainer>
    </Box>
  );
}

function ScatterPlot(props: {
  rows: readonly OverviewRow[];
  x: KpiId;
  y: KpiId;
  rollup: RollupMethod;
  format: KpiFormat;
}) {
  const theme = useTheme();
  const { x, y, rollup, format } = props;
  const points = useMemo(
    () => scatterPoints(props.rows, x, y, rollup),
    [props.rows, x, y, rollup],
  );
  if (points.length === 0) return <NoData format={format} />;
  return (
    <Box data-testid="overview-chart-scatter">
      <Typography variant="caption" color="text.secondary">
        {format.t('leadership.chart.scatterCaption', {
          count: String(points.length),
        })}
      </Typography>
      <ResponsiveContainer
        width="100%"
        height={INITIAL_SIZE.height}
        initialDimension={INITIAL_SIZE}
      >
        <ScatterChart margin={{ left: 8, right: 16, bottom: 24 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            type="number"
            dataKey="x"
            name={format.kpiTitle(x)}
            domain={['auto', 'auto']}
            tickFormatter={v => format.number(x, v, { bare: true })}
            label={{
              value: format.kpiTitle(x),
              position: 'insideBottom',
              offset: -12,
            }}
          />
          <YAxis
            type="number"
            dataKey="y"
            name={format.kpiTitle(y)}
            domain={['auto', 'auto']}
            tickFormatter={v => format.number(y, v, { bare: true })}
            label={{
              value: format.kpiTitle(y),
              angle: -90,
              position: 'insideLeft',
            }}
          />
          <Tooltip
            content={({ active, payload }) => {
              const point = payload?.[0]?.payload as
                | { title: string; x: number; y: number }
                | undefined;
              if (!active || !point) return null;
              return (
                <Box
                  sx={{
                    p: 1,
                    bgcolor: 'background.paper',
                    border: 1,
                    borderColor: 'divider',
                  }}
                >
                  <Typography variant="subtitle2">{point.title}</Typography>
                  <Typography variant="body2">
                    {format.kpiTitle(x)}: {format.number(x, point.x)}
                  </Typography>
                  <Typography variant="body2">
                    {format.kpiTitle(y)}: {format.number(y, point.y)}
                  </Typography>
                </Box>
              );
            }}
          />
          <Scatter data={points} fill={theme.palette.primary.main} />
        </ScatterChart>
      </ResponsiveContainer>
    </Box>
  );
}

function NoData(props: { format: KpiFormat }) {
  return (
    <Typography
      variant="body2"
      color="text.secondary"
      data-testid="overview-chart-empty"
      sx={{ py: 4 }}
    >
      {props.format.t('leadership.chart.noData')}
    </Typography>
  );
}

/** The chart and its controls. */
export function OverviewChart(props: OverviewChartProps) {
  const { chart, format, onChange } = props;
  const { t } = format;
  return (
    <Box data-testid="overview-chart">
      <ToggleButtonGroup
        exclusive
        size="small"
        value={chart}
        onChange={(_event, next: ChartKind | null) =>
          next && onChange({ chart: next })
        }
        aria-label={t('leadership.chart.kind')}
        sx={{ mb: 1 }}
      >
        <ToggleButton value="ranking" data-testid="overview-chart-kind-ranking">
          {t('leadership.chart.ranking')}
        </ToggleButton>
        <ToggleButton value="scatter" data-testid="overview-chart-kind-scatter">
          {t('leadership.chart.scatter')}
        </ToggleButton>
      </ToggleButtonGroup>
      {chart === 'scatter' && (
        <Box sx={{ display: 'flex', gap: 1, mb: 1 }}>
          <KpiSelect
            id="overview-chart-x"
            label={t('leadership.chart.x')}
            value={props.x}
            format={format}
            onChange={x => onChange({ x })}
          />
          <KpiSelect
            id="overview-chart-y"
            label={t('leadership.chart.y')}
            value={props.y}
            format={format}
            onChange={y => onChange({ y })}
          />
        </Box>
      )}
      {chart === 'ranking' ? (
        <RankingChart rows={props.rows} format={format} />
      ) : (
        <ScatterPlot
          rows={props.rows}
          x={props.x}
          y={props.y}
          rollup={props.rollup}
          format={format}
        />
      )}
    </Box>
  );
}
