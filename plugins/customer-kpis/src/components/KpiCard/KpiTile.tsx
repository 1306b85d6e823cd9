// One KPI of the card: value with unit, n, target status colour, a significant-change arrow, a sparkline, and
// the interval and formula in a tooltip; greyed when the sample is too small for a status.
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import {
  EntityKpi,
  kpiDefinitions,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { KpiFormat, useKpiFormat } from '../../hooks/useKpiFormat';
import { isStale } from '../shared/kpiState';
import {
  METHOD_MESSAGE_KEYS,
  STATUS_MESSAGE_KEYS,
  statusColor,
} from '../shared/statusColors';
import { Sparkline } from './Sparkline';
import { secondaryLine } from './secondaryLine';

/** Props of {@link KpiTile}. */
export interface KpiTileProps {
  kpi: EntityKpi;
  /** Below this n a sampling KPI has no status and is greyed. */
  minimumSample: number;
  /** The time ages are measured from. */
  now: Date;
}

function TileTooltip(props: {
  kpi: EntityKpi;
  minimumSample: number;
  smallSample: boolean;
  format: KpiFormat;
}) {
  const { kpi, minimumSample, smallSample, format } = props;
  const { t } = format;
  const { summary } = kpi;
  const interval = format.interval(summary);
  const target = format.number(kpi.kpi, kpi.thresholds.target, {
    scale:
      summary.kpi === 'customer-effort' ? summary.secondary.scale : undefined,
  });
  return (
    <Box data-testid={`kpi-tooltip-${kpi.kpi}`}>
      <Typography variant="subtitle2">{format.kpiTitle(kpi.kpi)}</Typography>
      <Typography variant="body2">
        {t('tile.formula', { formula: format.kpiFormula(kpi.kpi) })}
      </Typography>
      {interval && summary.interval && (
        <Typography variant="body2">
          {t('tile.interval', {
            low: interval.low,
            high: interval.high,
            method: t(METHOD_MESSAGE_KEYS[summary.interval.method]),
          })}
        </Typography>
      )}
      <Typography variant="body2">
        {t('tile.target', { target })} · {t(STATUS_MESSAGE_KEYS[kpi.status])}
      </Typography>
      {smallSample && (
        <Typography variant="body2">
          {t('tile.smallSample', { minimum: format.count(minimumSample) })}
        </Typography>
      )}
      <Typography variant="body2">
        {kpi.lastUpdated
          ? t('tile.updated', { age: format.age(kpi.lastUpdated) })
          : t('tile.neverUpdated')}
      </Typography>
    </Box>
  );
}

function ChangeArrow(props: { kpi: EntityKpi; format: KpiFormat }) {
  const { comparison } = props.kpi;
  const theme = useTheme();
  if (!comparison.significant || comparison.delta === null) return null;
  if (comparison.change !== 'better' && comparison.change !== 'worse')
    return null;
  const label = props.format.t(
    comparison.change === 'better' ? 'tile.better' : 'tile.worse',
    { delta: props.format.delta(props.kpi.kpi, comparison.delta) },
  );
  const Icon = comparison.delta >= 0 ? ArrowUpwardIcon : ArrowDownwardIcon;
  return (
    <Icon
      data-testid={`kpi-trend-${props.kpi.kpi}`}
      data-change={comparison.change}
      role="img"
      aria-label={label}
      titleAccess={label}
      fontSize="small"
      sx={{
        color:
          comparison.change === 'better'
            ? theme.palette.success.main
            : theme.palette.error.main,
      }}
    />
  );
}

/** One KPI tile of the card. */
export function KpiTile(props: KpiTileProps) {
  const { kpi, minimumSample, now } = props;
  const format = useKpiFormat();
  const theme = useTheme();
  const { summary } = kpi;
  const value = format.value(summary);
  const smallSample =
    value !== undefined &&
    kpi.status === 'insufficient-data' &&
    kpiDefinitions[kpi.kpi].minimumSampleApplies;
  const color = statusColor(theme, kpi.status);
  const secondary =
    value === undefined ? undefined : secondaryLine(summary, format);
  const stale = isStale(kpi.lastUpdated, now);

  return (
    <Tooltip
      arrow
      placement="top"
      title={
        <TileTooltip
          kpi={kpi}
          minimumSample={minimumSample}
          smallSample={smallSample}
          format={format}
        />
      }
    >
      <Paper
        variant="outlined"
        data-testid={`kpi-tile-${kpi.kpi}`}
        data-status={kpi.status}
        data-small-sample={smallSample ? 'true' : 'false'}
        data-stale={stale ? 'true' : 'false'}
        tabIndex={0}
        aria-label={format.kpiTitle(kpi.kpi)}
        sx={{
          p: 1.5,
          borderLeft: `4px solid ${color}`,
          opacity: smallSample ? 0.55 : 1,
          filter: smallSample ? 'grayscale(1)' : undefined,
          minWidth: 0,
        }}
      >
        <Typography
          variant="caption"
          color="text.secondary"
          noWrap
          component="div"
        >
          {format.kpiTitle(kpi.kpi)}
        </Typography>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
          <Typography
            variant="h5"
            component="div"
            data-testid={`kpi-value-${kpi.kpi}`}
            sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}
          >
            {value ?? format.t('tile.noValue')}
          </Typography>
          <ChangeArrow kpi={kpi} format={format} />
        </Box>
        <Typography
          variant="caption"
          color="text.secondary"
          component="div"
          data-testid={`kpi-n-${kpi.kpi}`}
        >
          {format.t('tile.n', { n: format.count(summary.n) })}
        </Typography>
        {secondary && (
          <Typography
            variant="caption"
            color="text.secondary"
            component="div"
            noWrap
            data-testid={`kpi-secondary-${kpi.kpi}`}
          >
            {secondary}
          </Typography>
        )}
        <Sparkline points={kpi.sparkline} color={color} />
      </Paper>
    </Tooltip>
  );
}
