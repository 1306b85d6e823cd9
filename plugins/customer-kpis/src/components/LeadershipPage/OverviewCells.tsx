// The cells of the overview table: a KPI value tinted by its target status with its change against the previous
// period (an arrow only when the change is significant, the reason where there is none), and the
// Customer-Centricity Index. Every text is readable on its cell's tint (see overviewColors.ts).
import { memo } from 'react';
import Box from '@mui/material/Box';
import TableCell from '@mui/material/TableCell';
import Tooltip from '@mui/material/Tooltip';
import { useTheme } from '@mui/material/styles';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import {
  KpiId,
  OverviewCell,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { formatNumber } from '../../format';
import { KpiFormat } from '../../hooks/useKpiFormat';
import { STATUS_MESSAGE_KEYS } from '../shared/statusColors';
import { RollupMethod } from './leadershipState';
import { OverviewCellColors, overviewCellColors } from './overviewColors';

const CHANGE_MESSAGE_KEYS = {
  better: 'leadership.cell.better',
  worse: 'leadership.cell.worse',
  'no-significant-change': 'leadership.cell.notSignificant',
  'insufficient-data': 'leadership.cell.insufficientData',
} as const;

/** What a change without a verdict says, by its reason (with its delta where it has one). */
const REASON_MESSAGE_KEYS = {
  'small-sample': 'leadership.change.smallSample',
  'no-test': 'leadership.change.noTest',
} as const;

/**
 * Shown to screen readers only: the words behind a figure or a mark. Sizes are strings: in `sx` a bare 1 means 100 %
 * and a bare -1 one spacing unit, which made each hidden text as wide as the window and the page scroll sideways.
 */
export const VISUALLY_HIDDEN = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  padding: 0,
  margin: '-1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
} as const;

/** The mark of a change that cannot be computed. */
const NO_CHANGE = '—';

/** The number a cell shows for the chosen rollup method. */
export function cellValue(
  cell: OverviewCell | undefined,
  rollup: RollupMethod,
): number | null {
  if (!cell) return null;
  return rollup === 'mean' ? cell.unweightedMean : cell.value;
}

/** A figure shown as `shown` and read out as `label` (also its tooltip); `label` alone names a span for nobody. */
function Said(props: { shown: string; label: string }) {
  return (
    <>
      <span aria-hidden="true">{props.shown}</span>
      <Box component="span" sx={VISUALLY_HIDDEN}>
        {props.label}
      </Box>
    </>
  );
}

/** The sentence of a change: its verdict, or why there is none. */
function changeLabel(
  cell: OverviewCell,
  delta: string,
  format: KpiFormat,
  minimumSample: number,
): string {
  const reason = cell.changeReason;
  if (reason === 'small-sample' || reason === 'no-test') {
    return format.t(REASON_MESSAGE_KEYS[reason], {
      delta,
      min: format.count(minimumSample),
    });
  }
  return format.t(CHANGE_MESSAGE_KEYS[cell.change], { delta });
}

function KpiChange(props: {
  kpi: KpiId;
  cell: OverviewCell;
  format: KpiFormat;
  minimumSample: number;
  colors: OverviewCellColors;
}) {
  const { kpi, cell, format, colors } = props;
  if (cell.delta === null) {
    // No value: the cell says so already. A value without one before it: say why there is no change.
    if (cell.value === null && cell.unweightedMean === null) return null;
    const label = format.t('leadership.change.noPrevious');
    return (
      <Box
        component="span"
        data-testid={`overview-delta-${kpi}`}
        data-significant="false"
        data-reason={cell.changeReason ?? 'no-previous-data'}
        title={label}
        sx={{ display: 'block', color: colors.muted, fontSize: '0.75rem' }}
      >
        <Said shown={NO_CHANGE} label={label} />
      </Box>
    );
  }
  const delta = format.delta(kpi, cell.delta);
  const label = changeLabel(cell, delta, format, props.minimumSample);
  const marked =
    cell.significant && (cell.change === 'better' || cell.change === 'worse');
  if (!marked) {
    return (
      <Box
        component="span"
        data-testid={`overview-delta-${kpi}`}
        data-significant="false"
        data-reason={cell.changeReason}
        title={label}
        sx={{ display: 'block', color: colors.muted, fontSize: '0.75rem' }}
      >
        <Said shown={delta} label={label} />
      </Box>
    );
  }
  const Arrow = cell.delta > 0 ? ArrowUpwardIcon : ArrowDownwardIcon;
  return (
    <Box
      component="span"
      data-testid={`overview-delta-${kpi}`}
      data-significant="true"
      data-change={cell.change}
      title={label}
      sx={{
        color: cell.change === 'better' ? colors.better : colors.worse,
        fontSize: '0.75rem',
        fontWeight: 600,
        display: 'inline-flex',
        alignItems: 'center',
      }}
    >
      <Arrow sx={{ fontSize: '0.9rem' }} />
      <Said shown={delta} label={label} />
    </Box>
  );
}

function KpiValueCellView(props: {
  kpi: KpiId;
  cell: OverviewCell | undefined;
  rollup: RollupMethod;
  format: KpiFormat;
  minimumSample: number;
}) {
  const { kpi, cell, rollup, format, minimumSample } = props;
  const theme = useTheme();
  const value = cellValue(cell, rollup);
  const status = cell?.status ?? 'insufficient-data';
  const greyed = status === 'insufficient-data';
  const colors = overviewCellColors(theme, status);
  const text =
    value === null
      ? format.t('leadership.cell.noValue')
      : format.number(kpi, value);
  const tooltip = [
    format.t(STATUS_MESSAGE_KEYS[status]),
    format.t('leadership.cell.n', { n: format.count(cell?.n ?? 0) }),
    ...(greyed && value !== null
      ? [
          format.t('leadership.cell.belowMinimum', {
            min: format.count(minimumSample),
          }),
        ]
      : []),
  ].join(' · ');
  return (
    <TableCell
      align="right"
      data-testid={`overview-cell-${kpi}`}
      data-status={status}
      sx={{ backgroundColor: colors.background, whiteSpace: 'nowrap' }}
    >
      <Tooltip title={tooltip} describeChild>
        <Box
          component="span"
          data-testid={`overview-value-${kpi}`}
          sx={{
            display: 'block',
            color: greyed ? colors.muted : colors.value,
            fontStyle: greyed ? 'italic' : undefined,
          }}
        >
          {text}
        </Box>
      </Tooltip>
      {cell && (
        <KpiChange
          kpi={kpi}
          cell={cell}
          format={format}
          minimumSample={minimumSample}
          colors={colors}
        />
      )}
    </TableCell>
  );
}

/** One KPI of one row (re-rendered only when its own props change). */
export const KpiValueCell = memo(KpiValueCellView);

function CciCellView(props: {
  cci: { value: number | null; delta: number | null };
  format: KpiFormat;
}) {
  const { cci, format } = props;
  const { locale } = format;
  const colors = overviewCellColors(useTheme(), 'plain');
  const delta =
    cci.delta === null
      ? undefined
      : `${cci.delta > 0 ? '+' : ''}${formatNumber(cci.delta, locale, {
          max: 1,
        })}`;
  let change: { shown: string; label: string } | undefined;
  if (delta) {
    change = {
      shown: delta,
      label: format.t('leadership.cell.cciChange', { delta }),
    };
  } else if (cci.value !== null) {
    change = {
      shown: NO_CHANGE,
      label: format.t('leadership.change.cciNoPrevious'),
    };
  }
  return (
    <TableCell
      align="right"
      data-testid="overview-cell-cci"
      sx={{ whiteSpace: 'nowrap' }}
    >
      <Box
        component="span"
        data-testid="overview-value-cci"
        sx={{ display: 'block', fontWeight: 600, color: colors.value }}
      >
        {cci.value === null
          ? format.t('leadership.cell.noValue')
          : formatNumber(cci.value, locale)}
      </Box>
      {change && (
        <Box
          component="span"
          data-testid="overview-delta-cci"
          data-significant="false"
          title={change.label}
          sx={{ display: 'block', color: colors.muted, fontSize: '0.75rem' }}
        >
          <Said shown={change.shown} label={change.label} />
        </Box>
      )}
    </TableCell>
  );
}

/** The Customer-Centricity Index of a row; its change carries no significance test, so it is always muted. */
export const CciCell = memo(CciCellView);
