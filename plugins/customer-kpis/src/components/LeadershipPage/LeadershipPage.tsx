// The leadership page: every component, system, domain or owner with the seven KPIs and the index side by side,
// filtered, sorted and paged on the server, with rollup method, period comparison, drill-down, chart and CSV export.
// Its whole state lives in the URL. A heading names the view (by titles, not refs) and takes the focus after a
// drill-down, so that keyboard and screen-reader users land on what they opened.
import { useCallback, useEffect, useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Grid from '@mui/material/Grid';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { Link as RouterLink, useLocation } from 'react-router-dom';
import { useApi } from '@backstage/core-plugin-api';
import {
  OverviewResponse,
  OverviewRow,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { customerKpisApiRef } from '../../api';
import { KpiFormat, useKpiFormat } from '../../hooks/useKpiFormat';
import { useLoader } from '../../hooks/useLoader';
import { errorMessage } from '../shared/kpiState';
import { LoadError } from '../shared/StateMessages';
import { csvFileName, downloadCsv } from './downloadCsv';
import { filterTitle } from './FacetFilter';
import {
  GROUP_BY_MESSAGE_KEYS,
  LeadershipFilters,
  LeadershipToolbar,
} from './LeadershipControls';
import { OverviewChart } from './OverviewChart';
import { OverviewLegend } from './OverviewLegend';
import { OverviewTable } from './OverviewTable';
import {
  LeadershipState,
  drillDown,
  drillUp,
  sortBy,
  toOverviewQuery,
  writeLeadershipState,
} from './leadershipState';

const HEADING_ID = 'customer-kpis-overview-heading';

const DRILLED_MESSAGE_KEYS = {
  system: 'leadership.drill.system',
  domain: 'leadership.drill.domain',
  owner: 'leadership.drill.owner',
} as const;

const BACK_MESSAGE_KEYS = {
  system: 'leadership.drill.backToSystems',
  domain: 'leadership.drill.backToDomains',
  owner: 'leadership.drill.backToOwners',
} as const;

/**
 * The filters after a change of grouping: leaving a drill-down for a level above, the filter of the drill-down
 * (a system, an owner) would hide every other row there.
 */
function leavingDrillDown(
  filters: LeadershipState['filters'],
  groupBy: LeadershipState['groupBy'],
): LeadershipState['filters'] {
  if (groupBy === 'system' || groupBy === 'domain')
    return { ...filters, system: undefined };
  if (groupBy === 'owner') return { ...filters, owner: undefined };
  return filters;
}

/**
 * True when no cell of the page could be compared for want of data in the previous window (a 12-month window
 * over a shorter history): the page says so once, instead of leaving every change blank.
 */
export function nothingToCompare(overview: OverviewResponse): boolean {
  const cells = overview.rows.flatMap(row => Object.values(row.kpis));
  return (
    cells.some(cell => cell.changeReason === 'no-previous-data') &&
    cells.every(cell => cell.delta === null)
  );
}
import { useLeadershipState } from './useLeadershipState';

function Period(props: { overview: OverviewResponse; format: KpiFormat }) {
  const { overview, format } = props;
  return (
    <Typography
      variant="body2"
      color="text.secondary"
      data-testid="overview-period"
    >
      {format.t('leadership.period', {
        from: format.day(overview.window.from),
        to: format.day(overview.window.to),
        previousFrom: format.day(overview.previousWindow.from),
        previousTo: format.day(overview.previousWindow.to),
      })}
      {nothingToCompare(overview) && (
        <Box component="span" data-testid="overview-no-comparison">
          {' '}
          {format.t('leadership.change.nothingToCompare', {
            previousFrom: format.day(overview.previousWindow.from),
            previousTo: format.day(overview.previousWindow.to),
          })}
        </Box>
      )}
    </Typography>
  );
}

/** The rollup method in words, and the API's warnings about rollups (e.g. active users are not additive). */
function RollupNotes(props: {
  overview: OverviewResponse;
  state: LeadershipState;
  format: KpiFormat;
}) {
  const { overview, state, format } = props;
  const { t } = format;
  if (overview.groupBy === 'component') return null;
  return (
    <Alert
      severity={overview.warnings.length > 0 ? 'warning' : 'info'}
      data-testid="overview-rollup-notes"
      sx={{ py: 0 }}
    >
      {overview.warnings.length > 0 && (
        <AlertTitle sx={{ mb: 0 }}>
          {t('leadership.rollup.warningsTitle')}
        </AlertTitle>
      )}
      <Typography variant="body2" data-testid="overview-rollup-method">
        {t(
          state.rollup === 'pooled'
            ? 'leadership.rollup.pooledHelp'
            : 'leadership.rollup.meanHelp',
        )}{' '}
        {t('leadership.rollup.basis')}
      </Typography>
      {overview.warnings.map(warning => (
        <Typography
          key={warning}
          variant="body2"
          data-testid="overview-warning"
        >
          {warning}
        </Typography>
      ))}
    </Alert>
  );
}

/** The page's content (the new frontend system's page header wraps it; see CustomerKpisPage for the legacy one). */
export function LeadershipPage() {
  const api = useApi(customerKpisApiRef);
  const format = useKpiFormat();
  const { t } = format;
  const { pathname } = useLocation();
  const [state, setState] = useLeadershipState();
  // Debounced filters apply after a pause: they must build on the newest state, not the one they were typed in.
  const latest = useRef(state);
  latest.current = state;
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<Error>();

  const query = toOverviewQuery(state);
  const queryKey = JSON.stringify(query);
  const overview = useLoader(() => api.getOverview(query), [api, queryKey]);
  const kind = query.kind;
  const facets = useLoader(
    () => api.getOverviewFacets(kind ? { kind } : {}),
    [api, kind],
  );
  // Set as a drill-down or back link is followed; the view it opens then focuses its heading.
  const heading = useRef<HTMLHeadingElement>(null);
  const focusHeading = useRef(false);
  const onDrill = useCallback(() => {
    focusHeading.current = true;
  }, []);

  const update = useCallback(
    (change: Partial<LeadershipState>, options?: { replace?: boolean }) =>
      setState({ ...latest.current, ...change }, options),
    [setState],
  );
  const hrefOf = useCallback(
    (next: LeadershipState) => {
      const search = writeLeadershipState(next).toString();
      return `${pathname}${search ? `?${search}` : ''}`;
    },
    [pathname],
  );
  const drillDownHref = useCallback(
    (row: OverviewRow) => {
      const next = drillDown(state, row);
      return next ? hrefOf(next) : undefined;
    },
    [state, hrefOf],
  );

  const exportCsv = async () => {
    setExporting(true);
    setExportError(undefined);
    try {
      const text = await api.getOverviewCsv(query);
      downloadCsv(text, csvFileName(state.groupBy, state.window));
    } catch (error) {
      setExportError(error instanceof Error ? error : new Error(String(error)));
    } finally {
      setExporting(false);
    }
  };

  const up = drillUp(state);
  const value = overview.value;
  const viewKey = `${state.groupBy} ${up?.filter} ${up?.value}`;
  useEffect(() => {
    if (!focusHeading.current) return;
    focusHeading.current = false;
    heading.current?.focus();
  }, [viewKey]);

  // A shared link can point past the last page once the data shrank: show the last page instead of nothing.
  useEffect(() => {
    if (value && value.rows.length === 0 && value.total > 0 && value.page > 1) {
      const last = Math.ceil(value.total / value.pageSize);
      if (last < value.page) update({ page: last }, { replace: true });
    }
  }, [value, update]);

  return (
    <Box
      data-testid="customer-kpis-leadership"
      sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}
    >
      <LeadershipToolbar
        state={state}
        format={format}
        exporting={exporting}
        onGroupBy={groupBy =>
          update({
            groupBy,
            page: 1,
            filters: leavingDrillDown(state.filters, groupBy),
          })
        }
        onWindow={window => update({ window, page: 1 })}
        onRollup={rollup => update({ rollup }, { replace: true })}
        onExport={exportCsv}
      />
      <LeadershipFilters
        state={state}
        format={format}
        facets={facets.value}
        facetsLoading={facets.loading}
        onFilter={(key, filterValue) =>
          update(
            {
              filters: {
                ...latest.current.filters,
                [key]: filterValue || undefined,
              },
              page: 1,
            },
            { replace: key === 'q' },
          )
        }
        onClear={() => update({ filters: {}, page: 1 })}
      />
      <Box
        sx={{ display: 'flex', alignItems: 'center', gap: 1 }}
        data-testid={up ? 'overview-drilled' : undefined}
      >
        {up && (
          <Button
            component={RouterLink}
            to={hrefOf(up.state)}
            onClick={onDrill}
            size="small"
            startIcon={<ArrowBackIcon />}
            data-testid="overview-drill-up"
          >
            {t(BACK_MESSAGE_KEYS[up.filter])}
          </Button>
        )}
        <Typography
          ref={heading}
          id={HEADING_ID}
          variant="h6"
          component="h2"
          tabIndex={-1}
          data-testid="overview-heading"
        >
          {up
            ? t(DRILLED_MESSAGE_KEYS[up.filter], {
                name: filterTitle(
                  up.filter,
                  up.value,
                  facets.value,
                  value?.rows,
                ),
              })
            : t(GROUP_BY_MESSAGE_KEYS[state.groupBy])}
        </Typography>
      </Box>
      {exportError && (
        <Alert
          severity="error"
          onClose={() => setExportError(undefined)}
          data-testid="overview-export-error"
        >
          {t('leadership.csv.failed', { message: errorMessage(exportError) })}
        </Alert>
      )}
      {value && <Period overview={value} format={format} />}
      {value && <RollupNotes overview={value} state={state} format={format} />}
      {overview.error && (
        <LoadError error={overview.error} onRetry={overview.retry} />
      )}
      <Box sx={{ minHeight: 4 }}>
        {overview.loading && (
          <LinearProgress data-testid="customer-kpis-loading" />
        )}
      </Box>
      {value && !overview.error && (
        // The table takes the whole width (its columns fit from about 1,280 px, and scroll in their box below
        // that); the chart goes under it.
        <Grid container spacing={2} alignItems="flex-start">
          <Grid item xs={12}>
            <Card variant="outlined">
              <OverviewLegend
                format={format}
                minimumSample={value.minimumSample}
              />
              <OverviewTable
                overview={value}
                sort={state.sort}
                order={state.order}
                rollup={value.groupBy === 'component' ? 'pooled' : state.rollup}
                format={format}
                onSort={sort => setState(sortBy(latest.current, sort))}
                drillDownHref={drillDownHref}
                onDrill={onDrill}
                minimumSample={value.minimumSample}
                labelledBy={HEADING_ID}
                onPage={page => update({ page })}
                onPageSize={pageSize => update({ pageSize, page: 1 })}
              />
            </Card>
          </Grid>
          <Grid item xs={12} lg={8} xl={6}>
            <Card variant="outlined">
              <CardContent>
                <OverviewChart
                  rows={value.rows}
                  rollup={
                    value.groupBy === 'component' ? 'pooled' : state.rollup
                  }
                  chart={state.chart}
                  x={state.x}
                  y={state.y}
                  format={format}
                  onChange={change => update(change, { replace: true })}
                />
              </CardContent>
            </Card>
          </Grid>
        </Grid>
      )}
    </Box>
  );
}
