// One KPI of the card: value with unit, n, 95% interval, status in words and target, a significant-change arrow, a
// sparkline, and the formula and interval method in a tooltip; greyed when the sample is too small for a status.
// Every line wraps rather than being cut, so the smallest tile of the card's grid shows all of it.
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutline';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutline';
import HelpOutlineIcon from '@mui/icons-material/HelpOutline';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import {
  EntityKpi,
  KpiStatus,
  kpiDefinitions,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { KpiFormat, useKpiFormat } from '../../hooks/useKpiFormat';
import { isStale } from '../shared/kpiState';
import { METHOD_MESSAGE_KEYS, statusColor } from '../shared/statusColors';
import { MemberMean } from './MemberMean';
import { Sparkline } from './Sparkline';
import { secondaryLine } from './secondaryLine';
import {
  TileTexts,
  intervalText,
  statusText,
  targetText,
  tileName,
} from './tileTexts';

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

/** What the change arrow says, or undefined when the change is not significantly better or worse. */
function changeLabel(kpi: EntityKpi, format: KpiFormat): string | undefined {
  const { comparison } = kpi;
  if (!comparison.significant || comparison.delta === null) return undefined;
  if (comparison.change !== 'better' && comparison.change !== 'worse')
    return undefined;
  return format.t(
    comparison.change === 'better' ? 'tile.better' : 'tile.worse',
    { delta: format.delta(kpi.kpi, comparison.delta) },
  );
}

function ChangeArrow(props: { kpi: EntityKpi; label: string | undefined }) {
  const { kpi, label } = props;
  const theme = useTheme();
  const { delta, change } = kpi.comparison;
  if (!label || delta === null) return null;
  const Icon = delta >= 0 ? ArrowUpwardIcon : ArrowDownwardIcon;
  return (
    <Icon
      data-testid={`kpi-trend-${kpi.kpi}`}
      data-change={change}
      role="img"
      aria-label={label}
      titleAccess={label}
      fontSize="small"
      sx={{
        color:
          change === 'better'
            ? theme.palette.success.main
            : theme.palette.error.main,
      }}
    />
  );
}

// A shape per status, so that the status is not told by colour alone (the word beside it says it too).
const STATUS_ICONS = {
  good: CheckCircleOutlineIcon,
  warning: WarningAmberIcon,
  critical: ErrorOutlineIcon,
  'insufficient-data': HelpOutlineIcon,
} as const satisfies Record<KpiStatus, unknown>;

// Long words (a Russian status, a duration pair) break inside rather than overflow the narrowest tile.
const WRAP = { overflowWrap: 'anywhere' } as const;

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
  const texts: TileTexts = {
    value,
    n: format.t('tile.n', { n: format.count(summary.n) }),
    interval: intervalText(summary, format),
    status: statusText(kpi, format),
    target: targetText(kpi, format),
    change: changeLabel(kpi, format),
  };
  const StatusIcon = STATUS_ICONS[kpi.status];

  return (
    // describeChild: the details describe the tile; as its name (MUI's default) they would replace, while shown,
    // the name that carries the value, n and status.
    <Tooltip
      arrow
      describeChild
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
        role="group"
        data-testid={`kpi-tile-${kpi.kpi}`}
        data-status={kpi.status}
        data-small-sample={smallSample ? 'true' : 'false'}
        data-stale={stale ? 'true' : 'false'}
        tabIndex={0}
        aria-label={tileName(kpi, texts, format)}
        sx={{ p: 1.5, borderLeft: `4px solid ${color}`, minWidth: 0 }}
      >
        <Typography
          variant="caption"
          color="text.secondary"
          component="div"
          sx={WRAP}
        >
          {format.kpiTitle(kpi.kpi)}
        </Typography>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
          {/* A small sample is greyed in the value and the line, not by fading the tile: its texts stay readable. */}
          <Typography
            variant="h5"
            component="div"
            data-testid={`kpi-value-${kpi.kpi}`}
            color={smallSample ? 'text.secondary' : undefined}
            sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}
          >
            {value ?? format.t('tile.noValue')}
          </Typography>
          <ChangeArrow kpi={kpi} label={texts.change} />
        </Box>
        <Typography
          variant="caption"
          component="div"
          data-testid={`kpi-status-${kpi.kpi}`}
          sx={WRAP}
        >
          <StatusIcon
            aria-hidden
            sx={{ color, fontSize: '1em', verticalAlign: '-0.125em', mr: 0.5 }}
          />
          <Box
            component="span"
            data-testid={`kpi-status-word-${kpi.kpi}`}
            sx={{ color, fontWeight: 600 }}
          >
            {texts.status}
          </Box>
          <Box component="span" sx={{ color: 'text.secondary' }}>
            {' · '}
            <span data-testid={`kpi-target-${kpi.kpi}`}>{texts.target}</span>
          </Box>
        </Typography>
        <Typography
          variant="caption"
          color="text.secondary"
          component="div"
          sx={WRAP}
        >
          <span data-testid={`kpi-n-${kpi.kpi}`}>{texts.n}</span>
          {texts.interval && (
            <>
              {' · '}
              <span data-testid={`kpi-interval-${kpi.kpi}`}>
                {texts.interval}
              </span>
            </>
          )}
        </Typography>
        <MemberMean kpi={kpi} format={format} />
        {secondary && (
          <Typography
            variant="caption"
            color="text.secondary"
            component="div"
            data-testid={`kpi-secondary-${kpi.kpi}`}
            sx={WRAP}
          >
            {secondary}
          </Typography>
        )}
        <Box
          data-testid={`kpi-sparkline-${kpi.kpi}`}
          sx={
            smallSample ? { opacity: 0.55, filter: 'grayscale(1)' } : undefined
          }
        >
          <Sparkline
            points={kpi.sparkline}
            color={color}
            kpi={kpi.kpi}
            effortScale={
              summary.kpi === 'customer-effort'
                ? summary.secondary.scale
                : undefined
            }
          />
        </Box>
      </Paper>
    </Tooltip>
  );
}
