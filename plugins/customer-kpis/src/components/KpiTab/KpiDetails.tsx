// The figures behind each KPI's headline: NPS promoters/passives/detractors, CSAT and CES answer distributions,
// p50/p90 of the durations with their time basis, DAU/WAU/MAU and stickiness, retention per period.
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  DurationFigures,
  KpiSeriesResponse,
  KpiSummary,
  KpiSummaryOf,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { KpiFormat } from '../../hooks/useKpiFormat';

const SMALL_CHART = { width: 480, height: 180 };

const PERCENT_TICKS = [0, 25, 50, 75, 100];

/** A tooltip's heading: the period's first day, and whether the period is partial (its figures may still change). */
function periodHeading(format: KpiFormat) {
  return (label: unknown, payload: ReadonlyArray<{ payload?: unknown }>) => {
    const row = payload?.[0]?.payload as { partial?: boolean } | undefined;
    return row?.partial
      ? `${String(label)} · ${format.t('tab.partial')}`
      : String(label);
  };
}

function SmallChart(props: { children: JSX.Element }) {
  return (
    <ResponsiveContainer
      width="100%"
      height={SMALL_CHART.height}
      initialDimension={SMALL_CHART}
    >
      {props.children}
    </ResponsiveContainer>
  );
}

function NpsBreakdown(props: {
  summary: KpiSummaryOf<'recommend'>;
  series?: KpiSeriesResponse;
  format: KpiFormat;
}) {
  const { summary, series, format } = props;
  const theme = useTheme();
  const { t } = format;
  const s = summary.secondary;
  const part = (count: number, percent: number | null) =>
    percent === null
      ? format.count(count)
      : `${format.count(count)} (${format.percent(percent)})`;
  const rows = (series?.points ?? []).map(point => {
    // A period without answers has no bar, not a bar of 0.
    const figures =
      point.summary.kpi === 'recommend' && point.summary.n > 0
        ? point.summary.secondary
        : undefined;
    return {
      label: format.day(point.start),
      partial: point.partial,
      promoters: figures?.promoterPercent ?? null,
      passives: figures?.passivePercent ?? null,
      detractors: figures?.detractorPercent ?? null,
    };
  });
  const stack = (
    key: 'detractors' | 'passives' | 'promoters',
    fill: string,
  ) => (
    <Bar
      dataKey={key}
      name={t(`tab.${key}`)}
      stackId="nps"
      fill={fill}
      isAnimationActive={false}
    >
      {rows.map(row => (
        <Cell key={row.label} fillOpacity={row.partial ? 0.35 : 1} />
      ))}
    </Bar>
  );
  return (
    <Box>
      <Typography variant="body2" data-testid="kpi-nps-breakdown">
        {t('tab.promoters')} {part(s.promoters, s.promoterPercent)} ·{' '}
        {t('tab.passives')} {part(s.passives, s.passivePercent)} ·{' '}
        {t('tab.detractors')} {part(s.detractors, s.detractorPercent)}
      </Typography>
      {rows.length > 0 && (
        <SmallChart>
          <BarChart data={rows}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" fontSize={12} />
            <YAxis
              domain={[0, 100]}
              ticks={PERCENT_TICKS}
              interval={0}
              fontSize={12}
            />
            <Tooltip
              formatter={(v: unknown) => format.percent(Number(v))}
              labelFormatter={periodHeading(format)}
            />
            <Legend />
            {stack('detractors', theme.palette.error.main)}
            {stack('passives', theme.palette.grey[400])}
            {stack('promoters', theme.palette.success.main)}
          </BarChart>
        </SmallChart>
      )}
    </Box>
  );
}

function AnswerDistribution(props: {
  summary: KpiSummaryOf<'satisfaction'> | KpiSummaryOf<'customer-effort'>;
  format: KpiFormat;
}) {
  const { summary, format } = props;
  const theme = useTheme();
  const rows = summary.secondary.distribution.map((answers, index) => ({
    score: String(index + 1),
    answers,
  }));
  return (
    <Box>
      <Typography variant="subtitle2">
        {format.t('tab.distribution')}
      </Typography>
      <Typography
        variant="body2"
        data-testid={`kpi-distribution-${summary.kpi}`}
      >
        {rows
          .map(
            row =>
              `${format.t('tab.score', { score: row.score })}: ${format.count(
                row.answers,
              )}`,
          )
          .join(' · ')}
      </Typography>
      <SmallChart>
        <BarChart data={rows}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="score" fontSize={12} />
          <YAxis allowDecimals={false} fontSize={12} />
          <Tooltip />
          <Bar
            dataKey="answers"
            name={format.t('tab.answers')}
            fill={theme.palette.primary.main}
            isAnimationActive={false}
          />
        </BarChart>
      </SmallChart>
    </Box>
  );
}

function DurationDetails(props: {
  summary: KpiSummaryOf<'time-to-value'> | KpiSummaryOf<'time-to-resolve'>;
  format: KpiFormat;
}) {
  const { summary, format } = props;
  const { t } = format;
  const figures = (label: string, f: Pick<DurationFigures, 'p50' | 'p90'>) =>
    [
      label,
      f.p50 !== null && `${t('tab.p50')} ${format.number(summary.kpi, f.p50)}`,
      f.p90 !== null && `${t('tab.p90')} ${format.number(summary.kpi, f.p90)}`,
    ]
      .filter(Boolean)
      .join(' · ');
  const lines: string[] = [];
  if (summary.kpi === 'time-to-resolve') {
    const basis = summary.basis ?? 'calendar';
    lines.push(t('tab.basis', { basis: t(`secondary.${basis}`) }));
    lines.push(figures(t('secondary.calendar'), summary.secondary.calendar));
    if (summary.secondary.business.n > 0)
      lines.push(figures(t('secondary.business'), summary.secondary.business));
  } else {
    lines.push(figures('', summary.secondary));
    if (summary.secondary.reachedPercent !== null)
      lines.push(
        t('secondary.reached', {
          value: format.percent(summary.secondary.reachedPercent, 0),
        }),
      );
  }
  if (summary.relativeError !== undefined)
    lines.push(
      t('tab.relativeError', {
        value: format.percent(summary.relativeError * 100, 0),
      }),
    );
  return (
    <Box data-testid={`kpi-durations-${summary.kpi}`}>
      {lines.map(line => (
        <Typography key={line} variant="body2">
          {line}
        </Typography>
      ))}
    </Box>
  );
}

function AdoptionDetails(props: {
  summary: KpiSummaryOf<'adoption'>;
  series?: KpiSeriesResponse;
  format: KpiFormat;
}) {
  const { summary, series, format } = props;
  const theme = useTheme();
  const { t } = format;
  const s = summary.secondary;
  const rows = (series?.points ?? []).map(point => {
    // A period without a reading is a gap in the lines, not 0 users.
    const figures =
      point.summary.kpi === 'adoption' && point.summary.secondary.gauges > 0
        ? point.summary.secondary
        : undefined;
    return {
      label: format.day(point.start),
      partial: point.partial,
      dau: figures?.dau ?? null,
      wau: figures?.wau ?? null,
      mau: figures?.mau ?? null,
    };
  });
  // Dots keep a reading between two gaps visible.
  const dots = rows.length <= 31 ? { r: 2 } : false;
  return (
    <Box>
      <Typography variant="body2" data-testid="kpi-adoption-users">
        {t('secondary.activeUsers', {
          dau: format.count(s.dau),
          wau: format.count(s.wau),
          mau: format.count(s.mau),
          eligible: format.count(s.eligible),
        })}
        {s.stickiness !== null &&
          ` · ${t('tab.stickiness')} ${format.percent(s.stickiness, 0)}`}
      </Typography>
      {rows.length > 0 && (
        <SmallChart>
          <LineChart data={rows}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" fontSize={12} />
            <YAxis
              fontSize={12}
              tickFormatter={(v: number) => format.count(v)}
            />
            <Tooltip labelFormatter={periodHeading(format)} />
            <Legend />
            <Line
              dataKey="dau"
              name={t('tab.dau')}
              stroke={theme.palette.primary.main}
              dot={dots}
              isAnimationActive={false}
            />
            <Line
              dataKey="wau"
              name={t('tab.wau')}
              stroke={theme.palette.secondary.main}
              dot={dots}
              isAnimationActive={false}
            />
            <Line
              dataKey="mau"
              name={t('tab.mau')}
              stroke={theme.palette.success.main}
              dot={dots}
              isAnimationActive={false}
            />
          </LineChart>
        </SmallChart>
      )}
    </Box>
  );
}

function RetentionPeriods(props: {
  series?: KpiSeriesResponse;
  format: KpiFormat;
}) {
  const { series, format } = props;
  const { t } = format;
  const points = (series?.points ?? []).filter(
    point => point.summary.kpi === 'retention' && point.summary.n > 0,
  );
  if (points.length === 0) return null;
  return (
    <Box>
      <Typography variant="subtitle2">{t('tab.retentionPerPeriod')}</Typography>
      <Table size="small" data-testid="kpi-retention-periods">
        <TableHead>
          <TableRow>
            <TableCell />
            <TableCell align="right">{t('tab.start')}</TableCell>
            <TableCell align="right">{t('tab.end')}</TableCell>
            <TableCell align="right">{t('tab.new')}</TableCell>
            <TableCell align="right">{t('kpis.retention.title')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {points.map(point => {
            const summary = point.summary as KpiSummaryOf<'retention'>;
            return (
              <TableRow key={point.start}>
                <TableCell>{format.day(point.start)}</TableCell>
                <TableCell align="right">
                  {format.count(summary.secondary.start)}
                </TableCell>
                <TableCell align="right">
                  {format.count(summary.secondary.end)}
                </TableCell>
                <TableCell align="right">
                  {format.count(summary.secondary.new)}
                </TableCell>
                <TableCell align="right">
                  {format.value(summary) ?? '–'}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
}

/** The KPI-specific figures under a KPI's series chart. */
export function KpiDetails(props: {
  summary: KpiSummary;
  series?: KpiSeriesResponse;
  format: KpiFormat;
}) {
  const { summary, series, format } = props;
  switch (summary.kpi) {
    case 'recommend':
      return <NpsBreakdown summary={summary} series={series} format={format} />;
    case 'satisfaction':
    case 'customer-effort':
      return <AnswerDistribution summary={summary} format={format} />;
    case 'time-to-value':
    case 'time-to-resolve':
      return <DurationDetails summary={summary} format={format} />;
    case 'adoption':
      return (
        <AdoptionDetails summary={summary} series={series} format={format} />
      );
    case 'retention':
      return <RetentionPeriods series={series} format={format} />;
    default:
      return null;
  }
}
