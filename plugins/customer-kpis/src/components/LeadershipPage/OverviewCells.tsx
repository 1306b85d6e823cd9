// The cells of the overview table: a KPI value tinted by its target status with its change against the previous
// period (an arrow only when the change is significant, the reason where there is none), and the
// Customer-Centricity Index. Every text is readable on its cell's tint (see overviewColors.ts).
//
// A page holds up to 500 rows of eight such cells: they are plain elements with class names, styled once by the
// table that holds them (overviewCellsStyles), their colours inline and their tooltips the browser's own (`title`).
// A MUI TableCell, Tooltip and Box with `sx` per cell made a sort of 500 rows spend seconds in React and emotion.
import { memo } from 'react';
import { Theme, useTheme } from '@mui/material/styles';
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

/** The class names of the cells' parts (see {@link overviewCellsStyles}); `cell` fits any figure's cell. */
export const OVERVIEW_CELL_CLASSES = {
  cell: 'ckpi-cell',
  value: 'ckpi-value',
  greyed: 'ckpi-greyed',
  delta: 'ckpi-delta',
  marked: 'ckpi-delta-marked',
  hidden: 'ckpi-hidden',
} as const;

/**
 * The styles of the cells, for the `sx` of the table that holds them: the look of Backstage's small table cells (its
 * theme's padding, which wins over the tables' `px`, its line height and alignment), set once for the whole table.
 */
export function overviewCellsStyles(theme: Theme) {
  return {
    [`& td.${OVERVIEW_CELL_CLASSES.cell}`]: {
      typography: 'body2',
      lineHeight: 1,
      color: theme.palette.text.primary,
      padding: theme.spacing(1.5, 2, 1.5, 2.5),
      verticalAlign: 'middle',
      textAlign: 'right',
      whiteSpace: 'nowrap',
      borderBottom: 0,
    },
    [`& .${OVERVIEW_CELL_CLASSES.value}`]: { display: 'block' },
    [`& .${OVERVIEW_CELL_CLASSES.greyed}`]: { fontStyle: 'italic' },
    [`& .${OVERVIEW_CELL_CLASSES.delta}`]: {
      display: 'block',
      fontSize: '0.75rem',
    },
    [`& .${OVERVIEW_CELL_CLASSES.marked}`]: {
      display: 'inline-flex',
      alignItems: 'center',
      fontWeight: 600,
      '& svg': { fontSize: '0.9rem' },
    },
    [`& .${OVERVIEW_CELL_CLASSES.hidden}`]: VISUALLY_HIDDEN,
  };
}

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
      <span className={OVERVIEW_CELL_CLASSES.hidden}>{props.label}</span>
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
      <span
        className={OVERVIEW_CELL_CLASSES.delta}
        data-testid={`overview-delta-${kpi}`}
        data-significant="false"
        data-reason={cell.changeReason ?? 'no-previous-data'}
        title={label}
        style={{ color: colors.muted }}
      >
        <Said shown={NO_CHANGE} label={label} />
      </span>
    );
  }
  const delta = format.delta(kpi, cell.delta);
  const label = changeLabel(cell, delta, format, props.minimumSample);
  const marked =
    cell.significant && (cell.change === 'better' || cell.change === 'worse');
  if (!marked) {
    return (
      <span
        className={OVERVIEW_CELL_CLASSES.delta}
        data-testid={`overview-delta-${kpi}`}
        data-significant="false"
        data-reason={cell.changeReason}
        title={label}
        style={{ color: colors.muted }}
      >
        <Said shown={delta} label={label} />
      </span>
    );
  }
  const Arrow = cell.delta > 0 ? ArrowUpwardIcon : ArrowDownwardIcon;
  return (
    <span
      className={`${OVERVIEW_CELL_CLASSES.delta} ${OVERVIEW_CELL_CLASSES.marked}`}
      data-testid={`overview-delta-${kpi}`}
      data-significant="true"
      data-change={cell.change}
      title={label}
      style={{ color: cell.change === 'better' ? colors.better : colors.worse }}
    >
      <Arrow fontSize="inherit" />
      <Said shown={delta} label={label} />
    </span>
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
    <td
      className={OVERVIEW_CELL_CLASSES.cell}
      data-testid={`overview-cell-${kpi}`}
      data-status={status}
      style={{ backgroundColor: colors.background }}
    >
      {/* The tooltip describes the value, as MUI's tooltip with describeChild did (which set the same title). */}
      <span
        className={
          greyed
            ? `${OVERVIEW_CELL_CLASSES.value} ${OVERVIEW_CELL_CLASSES.greyed}`
            : OVERVIEW_CELL_CLASSES.value
        }
        data-testid={`overview-value-${kpi}`}
        title={tooltip}
        style={{ color: greyed ? colors.muted : colors.value }}
      >
        {text}
      </span>
      {cell && (
        <KpiChange
          kpi={kpi}
          cell={cell}
          format={format}
          minimumSample={minimumSample}
          colors={colors}
        />
      )}
    </td>
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
    <td className={OVERVIEW_CELL_CLASSES.cell} data-testid="overview-cell-cci">
      <span
        className={OVERVIEW_CELL_CLASSES.value}
        data-testid="overview-value-cci"
        style={{ fontWeight: 600, color: colors.value }}
      >
        {cci.value === null
          ? format.t('leadership.cell.noValue')
          : formatNumber(cci.value, locale)}
      </span>
      {change && (
        <span
          className={OVERVIEW_CELL_CLASSES.delta}
          data-testid="overview-delta-cci"
          data-significant="false"
          title={change.label}
          style={{ color: colors.muted }}
        >
          <Said shown={change.shown} label={change.label} />
        </span>
      )}
    </td>
  );
}

/** The Customer-Centricity Index of a row; its change carries no significance test, so it is always muted. */
export const CciCell = memo(CciCellView);
