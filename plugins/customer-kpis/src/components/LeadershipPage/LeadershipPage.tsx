// The leadership page: every component, system, domain or owner with the seven KPIs and the index side by side,
// filtered, sorted and paged on the server, with rollup method, period comparison, drill-down, chart and CSV export.
// Its whole state lives in the URL.
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
import { LeadershipFilters, LeadershipToolbar } from './LeadershipControls';
import { OverviewChart } from './OverviewChart';
import { OverviewTable } from './OverviewTable';
import {
  LeadershipState,
  drillDown,
  drillUp,
  sortBy,
  toOverviewQuery,
  writeLeadershipState,
} from './leadershipState';
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
            // Leaving a drill-down for a level above: the system filter would hide every other row there.
            filters:
              groupBy === 'system' || groupBy === 'domain'
                ? { ...state.filters, system: undefined }
                : state.filters,
          })
        }
        onWindow={window => update({ window, page: 1 })}
        onRollup={rollup => update({ rollup }, { replace: true })}
        onExport={exportCsv}
      />
      <LeadershipFilters
        state={state}
        format={format}
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
      {up && (
        <Box
          sx={{ display: 'flex', alignItems: 'center', gap: 1 }}
          data-testid="overview-drilled"
        >
          <Button
            component={RouterLink}
            to={hrefOf(up.state)}
            size="small"
            startIcon={<ArrowBackIcon />}
            data-testid="overview-drill-up"
          >
            {t(
              up.filter === 'system'
                ? 'leadership.drill.backToSystems'
                : 'leadership.drill.backToDomains',
            )}
          </Button>
          <Typography variant="subtitle1">
            {t(
              up.filter === 'system'
                ? 'leadership.drill.showingSystem'
                : 'leadership.drill.showingDomain',
              { name: up.value },
            )}
          </Typography>
        </Box>
      )}
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
        <Grid container spacing={2} alignItems="flex-start">
          <Grid item xs={12} lg={9}>
            <Card variant="outlined">
              <OverviewTable
                overview={value}
                sort={state.sort}
                order={state.order}
                rollup={value.groupBy === 'component' ? 'pooled' : state.rollup}
                format={format}
                onSort={sort => setState(sortBy(latest.current, sort))}
                drillDownHref={drillDownHref}
                onPage={page => update({ page })}
                onPageSize={pageSize => update({ pageSize, page: 1 })}
              />
            </Card>
          </Grid>
          <Grid item xs={12} lg={3}>
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
