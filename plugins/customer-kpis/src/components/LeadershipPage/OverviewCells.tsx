// The cells of the overview table: a KPI value heat-mapped by its target status with its change against the previous
// period (an arrow only when the change is significant), and the Customer-Centricity Index.
import { memo } from 'react';
import Box from '@mui/material/Box';
import TableCell from '@mui/material/TableCell';
import Tooltip from '@mui/material/Tooltip';
import { alpha, useTheme } from '@mui/material/styles';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import {
  KpiId,
  OverviewCell,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { formatNumber } from '../../format';
import { KpiFormat } from '../../hooks/useKpiFormat';
import { STATUS_MESSAGE_KEYS, statusColor } from '../shared/statusColors';
import { RollupMethod } from './leadershipState';

const CHANGE_MESSAGE_KEYS = {
  better: 'leadership.cell.better',
  worse: 'leadership.cell.worse',
  'no-significant-change': 'leadership.cell.notSignificant',
  'insufficient-data': 'leadership.cell.insufficientData',
} as const;

/** The number a cell shows for the chosen rollup method. */
export function cellValue(
  cell: OverviewCell | undefined,
  rollup: RollupMethod,
): number | null {
  if (!cell) return null;
  return rollup === 'mean' ? cell.unweightedMean : cell.value;
}

function KpiChange(props: {
  kpi: KpiId;
  cell: OverviewCell;
  format: KpiFormat;
}) {
  const { kpi, cell, format } = props;
  const theme = useTheme();
  if (cell.delta === null) return null;
  const delta = format.delta(kpi, cell.delta);
  const label = format.t(CHANGE_MESSAGE_KEYS[cell.change], { delta });
  const marked =
    cell.significant && (cell.change === 'better' || cell.change === 'worse');
  if (!marked) {
    return (
      <Box
        component="span"
        data-testid={`overview-delta-${kpi}`}
        data-significant="false"
        aria-label={label}
        title={label}
        sx={{ color: 'text.disabled', fontSize: '0.75rem' }}
      >
        {delta}
      </Box>
    );
  }
  const Arrow = cell.delta > 0 ? ArrowUpwardIcon : ArrowDownwardIcon;
  const color =
    cell.change === 'better'
      ? theme.palette.success.main
      : theme.palette.error.main;
  return (
    <Box
      component="span"
      data-testid={`overview-delta-${kpi}`}
      data-significant="true"
      data-change={cell.change}
      aria-label={label}
      title={label}
      sx={{
        color,
        fontSize: '0.75rem',
        fontWeight: 600,
        display: 'inline-flex',
        alignItems: 'center',
      }}
    >
      <Arrow sx={{ fontSize: '0.9rem' }} />
      {delta}
    </Box>
  );
}

function KpiValueCellView(props: {
  kpi: KpiId;
  cell: OverviewCell | undefined;
  rollup: RollupMethod;
  format: KpiFormat;
}) {
  const { kpi, cell, rollup, format } = props;
  const theme = useTheme();
  const value = cellValue(cell, rollup);
  const status = cell?.status ?? 'insufficient-data';
  const muted = status === 'insufficient-data';
  const text =
    value === null
      ? format.t('leadership.cell.noValue')
      : format.number(kpi, value);
  const tooltip = [
    format.t(STATUS_MESSAGE_KEYS[status]),
    format.t('leadership.cell.n', { n: format.count(cell?.n ?? 0) }),
  ].join(' · ');
  return (
    <TableCell
      align="right"
      data-testid={`overview-cell-${kpi}`}
      data-status={status}
      sx={{
        backgroundColor: muted
          ? undefined
          : alpha(statusColor(theme, status), 0.16),
        whiteSpace: 'nowrap',
      }}
    >
      <Tooltip title={tooltip}>
        <Box
          component="span"
          data-testid={`overview-value-${kpi}`}
          sx={{
            display: 'block',
            color: muted ? 'text.disabled' : 'text.primary',
            fontStyle: value === null ? 'italic' : undefined,
          }}
        >
          {text}
        </Box>
      </Tooltip>
      {cell && <KpiChange kpi={kpi} cell={cell} format={format} />}
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
  const delta =
    cci.delta === null
      ? undefined
      : `${cci.delta > 0 ? '+' : ''}${formatNumber(cci.delta, locale, {
          max: 1,
        })}`;
  return (
    <TableCell
      align="right"
      data-testid="overview-cell-cci"
      sx={{ whiteSpace: 'nowrap' }}
    >
      <Box
        component="span"
        data-testid="overview-value-cci"
        sx={{ display: 'block', fontWeight: 600 }}
      >
        {cci.value === null
          ? format.t('leadership.cell.noValue')
          : formatNumber(cci.value, locale)}
      </Box>
      {delta && (
        <Box
          component="span"
          data-testid="overview-delta-cci"
          data-significant="false"
          title={format.t('leadership.cell.cciChange', { delta })}
          sx={{ color: 'text.disabled', fontSize: '0.75rem' }}
        >
          {delta}
        </Box>
      )}
    </TableCell>
  );
}

/** The Customer-Centricity Index of a row; its change carries no significance test, so it is always muted. */
export const CciCell = memo(CciCellView);
