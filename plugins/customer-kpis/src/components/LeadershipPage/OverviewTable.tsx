// The overview table: one row per component or group, the seven KPIs and the index, sortable on the server, with a
// link to each row's entity page and a drill-down from a group to its members. Pages on the server. The table
// scrolls in its own box, its header and name column held in place, so that its scroll bar is in view and no
// column is ever hidden, whatever the screen's width.
//
// The body's rows are plain elements styled once by the table's `sx` (see OverviewCells.tsx): 500 rows of MUI
// components cost seconds per sort. Each row is memoised, so that only new data re-renders it.
import { memo } from 'react';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import TableSortLabel from '@mui/material/TableSortLabel';
import Tooltip from '@mui/material/Tooltip';
import { Theme } from '@mui/material/styles';
import SubdirectoryArrowRightIcon from '@mui/icons-material/SubdirectoryArrowRight';
import { Link as RouterLink } from 'react-router-dom';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import {
  KPI_IDS,
  OverviewResponse,
  OverviewRow,
  OverviewSort,
  kpiDefinitions,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { KpiFormat } from '../../hooks/useKpiFormat';
import {
  CciCell,
  KpiValueCell,
  OVERVIEW_CELL_CLASSES,
  overviewCellsStyles,
} from './OverviewCells';
import { PAGE_SIZES, RollupMethod } from './leadershipState';

// MUI names the page buttons in English unless told.
const PAGE_BUTTON_KEYS = {
  first: 'leadership.table.firstPage',
  previous: 'leadership.table.previousPage',
  next: 'leadership.table.nextPage',
  last: 'leadership.table.lastPage',
} as const;

const DRILL_MESSAGE_KEYS = {
  system: 'leadership.drill.system',
  domain: 'leadership.drill.domain',
  owner: 'leadership.drill.owner',
} as const;

// The name column stays in view when the KPI columns scroll sideways on narrow screens; its edge shows where the
// others pass under it.
const STICKY_NAME = {
  position: 'sticky',
  left: 0,
  zIndex: 1,
  bgcolor: 'background.paper',
  boxShadow: (theme: Theme) => `inset -1px 0 0 ${theme.palette.divider}`,
} as const;

// Compact headers: at the bottom, broken between words only, never inside one (the theme breaks words anywhere,
// which stood "Entities" one letter per line in a squeezed column).
const HEADER_CELL = {
  verticalAlign: 'bottom',
  lineHeight: 1.2,
  overflowWrap: 'normal',
  wordBreak: 'normal',
  hyphens: 'manual',
} as const;

// The box the table scrolls in: at most the screen's height, so that its horizontal scroll bar is on screen once
// the table is.
const SCROLL_BOX = {
  maxHeight: 'max(360px, calc(100vh - 160px))',
  overflow: 'auto',
} as const;

/** The class names of the body's rows and name cells, styled by {@link tableStyles}. */
const ROW = 'ckpi-row';
const NAME_CELL = 'ckpi-name';
const ENTITY_LINK = 'ckpi-link';
const CONTEXT = 'ckpi-context';

/**
 * The table's styles: its header cells' padding, the body's rows (Backstage's striped rows with MUI's hover), the
 * sticky name column and the KPI cells, each written once for the whole table.
 */
function tableStyles(theme: Theme) {
  return {
    '& .MuiTableCell-root': { px: 1 },
    [`& tr.${ROW}:nth-of-type(odd)`]: {
      backgroundColor: theme.palette.background.default,
    },
    [`& tr.${ROW}:hover`]: { backgroundColor: theme.palette.action.hover },
    [`& td.${NAME_CELL}`]: {
      typography: 'body2',
      lineHeight: 1,
      color: theme.palette.text.primary,
      padding: theme.spacing(1.5, 2, 1.5, 2.5),
      verticalAlign: 'middle',
      textAlign: 'left',
      overflow: 'hidden',
      wordBreak: 'break-word',
      minWidth: 160,
      position: 'sticky',
      left: 0,
      zIndex: 1,
      backgroundColor: theme.palette.background.paper,
      boxShadow: `inset -1px 0 0 ${theme.palette.divider}`,
    },
    [`& .${ENTITY_LINK}`]: {
      color: theme.palette.primary.main,
      fontWeight: 500,
      textDecoration: 'none',
      '&:hover': { textDecoration: 'underline' },
    },
    [`& .${CONTEXT}`]: {
      typography: 'caption',
      color: theme.palette.text.secondary,
    },
    ...overviewCellsStyles(theme),
  };
}

/** The name of an entity ref without kind and default namespace: "system:default/payments" → "payments". */
export function shortRef(ref: string | null): string {
  if (!ref) return '';
  return ref.replace(/^[^:]+:/, '').replace(/^default\//, '');
}

export interface OverviewTableProps {
  overview: OverviewResponse;
  sort: OverviewSort;
  order: 'asc' | 'desc';
  rollup: RollupMethod;
  format: KpiFormat;
  onSort: (sort: OverviewSort) => void;
  /** The URL of a row's drill-down, or undefined when the row has none. */
  drillDownHref: (row: OverviewRow) => string | undefined;
  /** Called as a drill-down link is followed (the page then moves the focus to its new heading). */
  onDrill?: () => void;
  /** The sample below which cells are greyed. */
  minimumSample: number;
  /** The id of the heading that names the table. */
  labelledBy?: string;
  onPage: (page: number) => void;
  onPageSize: (pageSize: number) => void;
}

function SortHeader(props: {
  column: OverviewSort;
  label: string;
  /** The accessible name where it is more than the label (the index's full name). */
  name?: string;
  /** What the column is, in the tooltip and as the header's description (never its name). */
  title?: string;
  sort: OverviewSort;
  order: 'asc' | 'desc';
  onSort: (sort: OverviewSort) => void;
  align?: 'left' | 'right';
}) {
  const { column, sort, order } = props;
  const active = column === sort;
  return (
    <TableCell
      align={props.align}
      sortDirection={active ? order : false}
      data-testid={`overview-header-${column}`}
      sx={{
        ...HEADER_CELL,
        minWidth: column === 'title' ? 140 : 64,
        // Above the sticky header's other cells and the name column's cells that pass under it.
        ...(column === 'title'
          ? { ...STICKY_NAME, zIndex: 3, bgcolor: 'background.default' }
          : {}),
      }}
    >
      <Tooltip title={props.title ?? ''} describeChild>
        <TableSortLabel
          active={active}
          direction={active ? order : 'asc'}
          onClick={() => props.onSort(column)}
          aria-label={props.name}
        >
          {props.label}
        </TableSortLabel>
      </Tooltip>
    </TableCell>
  );
}

function OverviewTableRowView(props: {
  row: OverviewRow;
  grouped: boolean;
  rollup: RollupMethod;
  format: KpiFormat;
  entityHref: string;
  drillHref: string | undefined;
  drillLabel: string | undefined;
  onDrill: (() => void) | undefined;
  minimumSample: number;
}) {
  const { row, grouped, rollup, format, minimumSample } = props;
  // Under the name: a component's system and owner, a group's owner; by title where the caller may read them.
  const system = row.systemTitle ?? shortRef(row.system);
  const owner = row.ownerTitle ?? shortRef(row.owner);
  const context = (
    grouped ? [row.kind === 'group' ? null : owner] : [system, owner]
  )
    .filter(Boolean)
    .join(' · ');
  return (
    <tr className={ROW} data-testid="overview-row" data-ref={row.ref}>
      <td className={NAME_CELL}>
        <span style={{ display: 'flex', alignItems: 'center', gap: 4 }}>
          <RouterLink
            className={ENTITY_LINK}
            to={props.entityHref}
            data-testid="overview-entity-link"
          >
            {row.title}
          </RouterLink>
          {props.drillHref && (
            <Tooltip title={props.drillLabel ?? ''}>
              <IconButton
                size="small"
                component={RouterLink}
                to={props.drillHref}
                onClick={props.onDrill}
                aria-label={props.drillLabel}
                data-testid="overview-drill-down"
              >
                <SubdirectoryArrowRightIcon fontSize="inherit" />
              </IconButton>
            </Tooltip>
          )}
        </span>
        {context && <div className={CONTEXT}>{context}</div>}
      </td>
      {grouped && (
        <td
          className={OVERVIEW_CELL_CLASSES.cell}
          data-testid="overview-entity-count"
        >
          {format.count(row.entityCount)}
        </td>
      )}
      {KPI_IDS.map(kpi => (
        <KpiValueCell
          key={kpi}
          kpi={kpi}
          cell={row.kpis[kpi]}
          rollup={rollup}
          format={format}
          minimumSample={minimumSample}
        />
      ))}
      <CciCell cci={row.cci} format={format} />
    </tr>
  );
}

const OverviewTableRow = memo(OverviewTableRowView);

/** The table of one overview page. */
export function OverviewTable(props: OverviewTableProps) {
  const { overview, sort, order, rollup, format, onSort } = props;
  const { t } = format;
  const entityLink = useEntityRefLink();
  const grouped = overview.groupBy !== 'component';
  const drillKey =
    overview.groupBy === 'component'
      ? undefined
      : DRILL_MESSAGE_KEYS[overview.groupBy];
  const columns = KPI_IDS.length + (grouped ? 3 : 2);
  return (
    <Box>
      <TableContainer sx={SCROLL_BOX} data-testid="overview-table-scroll">
        <Table
          size="small"
          stickyHeader
          aria-labelledby={props.labelledBy}
          data-testid="overview-table"
          sx={tableStyles}
        >
          <TableHead>
            <TableRow>
              <SortHeader
                column="title"
                label={t('leadership.columns.name')}
                sort={sort}
                order={order}
                onSort={onSort}
              />
              {grouped && (
                <TableCell
                  align="right"
                  sx={HEADER_CELL}
                  data-testid="overview-header-entities"
                >
                  {t('leadership.columns.entities')}
                </TableCell>
              )}
              {KPI_IDS.map(kpi => (
                <SortHeader
                  key={kpi}
                  column={kpi}
                  align="right"
                  label={format.kpiTitle(kpi)}
                  title={`${format.kpiFormula(kpi)} (${t(
                    kpiDefinitions[kpi].direction === 'higher'
                      ? 'leadership.columns.higherBetter'
                      : 'leadership.columns.lowerBetter',
                  )})`}
                  sort={sort}
                  order={order}
                  onSort={onSort}
                />
              ))}
              <SortHeader
                column="cci"
                align="right"
                label={t('leadership.columns.cci')}
                name={t('leadership.columns.cciFull')}
                title={t('leadership.columns.cciFull')}
                sort={sort}
                order={order}
                onSort={onSort}
              />
            </TableRow>
          </TableHead>
          <TableBody>
            {overview.rows.map(row => (
              <OverviewTableRow
                key={row.ref}
                row={row}
                grouped={grouped}
                rollup={rollup}
                format={format}
                entityHref={entityLink(row.ref)}
                drillHref={props.drillDownHref(row)}
                drillLabel={
                  drillKey ? t(drillKey, { name: row.title }) : undefined
                }
                onDrill={props.onDrill}
                minimumSample={props.minimumSample}
              />
            ))}
            {overview.rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={columns} data-testid="overview-empty">
                  {t('leadership.table.empty')}
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </TableContainer>
      <TablePagination
        component="div"
        count={overview.total}
        page={Math.min(
          Math.max(0, overview.page - 1),
          Math.max(0, Math.ceil(overview.total / overview.pageSize) - 1),
        )}
        rowsPerPage={overview.pageSize}
        rowsPerPageOptions={[...PAGE_SIZES]}
        onPageChange={(_event, page) => props.onPage(page + 1)}
        onRowsPerPageChange={event =>
          props.onPageSize(Number(event.target.value))
        }
        labelRowsPerPage={t('leadership.table.rowsPerPage')}
        labelDisplayedRows={({ from, to, count }) =>
          t('leadership.table.displayedRows', {
            from: format.count(from),
            to: format.count(to),
            count: format.count(count),
          })
        }
        getItemAriaLabel={type => t(PAGE_BUTTON_KEYS[type])}
        data-testid="overview-pagination"
      />
    </Box>
  );
}
