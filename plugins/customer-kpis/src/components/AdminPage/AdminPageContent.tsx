// The data-source admin page's body: the sources with their runs, register/edit/delete, run history, and coverage.
// Shown only to users with customer-kpis.source.manage; the API's 403 gives the same "no permission" state.
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import AddIcon from '@mui/icons-material/Add';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  SourceSummary,
  customerKpisSourceManagePermission,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { customerKpisApiRef } from '../../api';
import { useKpiFormat } from '../../hooks/useKpiFormat';
import { useLoader } from '../../hooks/useLoader';
import { isNotAllowed } from '../shared/kpiState';
import { LoadError } from '../shared/StateMessages';
import { serverMessage } from './adminFormat';
import { COVERAGE_KINDS, CoverageMatrix } from './CoverageMatrix';
import { CsvImportSection } from './CsvImport';
import { RunHistoryDialog } from './RunHistoryDialog';
import { SourceFormDialog } from './SourceFormDialog';
import { SourcesTable } from './SourcesTable';
import { useRunNow } from './useRunNow';

/** How often runs in progress are polled. */
export const DEFAULT_POLL_INTERVAL_MS = 1500;

type Dialogs =
  | { kind: 'register' }
  | { kind: 'edit'; source: SourceSummary }
  | { kind: 'history'; source: SourceSummary }
  | { kind: 'delete'; source: SourceSummary }
  | undefined;

/** Without the permission: what the page is and what to ask for; not an error. */
export function AdminNoPermission() {
  const { t } = useKpiFormat();
  return (
    <Alert severity="info" data-testid="admin-no-permission">
      <AlertTitle>{t('admin.noPermissionTitle')}</AlertTitle>
      {t('admin.noPermissionDescription')}
    </Alert>
  );
}

function SourcesSection(props: {
  pollIntervalMs: number;
  onForbidden: () => void;
}) {
  const { pollIntervalMs, onForbidden } = props;
  const api = useApi(customerKpisApiRef);
  const { t } = useKpiFormat();
  const data = useLoader(async () => {
    const [sources, types, credentials] = await Promise.all([
      api.listSources(),
      api.listSourceTypes(),
      api.listCredentials(),
    ]);
    return { sources, types, credentials };
  }, [api]);
  const [dialog, setDialog] = useState<Dialogs>();
  const [actionError, setActionError] = useState<string>();
  const runs = useRunNow(api, { pollIntervalMs, onFinished: data.retry });

  const { retry } = data;
  const scheduledRunning = data.value?.sources.some(
    s => s.lastRun?.status === 'running' && !runs.pending[s.id],
  );
  // a run started by the scheduler: reload until it has finished
  useEffect(() => {
    if (!scheduledRunning) return undefined;
    const timer = setTimeout(retry, pollIntervalMs * 2);
    return () => clearTimeout(timer);
  }, [scheduledRunning, retry, pollIntervalMs, data.value]);

  const forbidden = data.error && isNotAllowed(data.error);
  useEffect(() => {
    if (forbidden) onForbidden();
  }, [forbidden, onForbidden]);
  if (forbidden) return null;
  if (data.error) return <LoadError error={data.error} onRetry={data.retry} />;
  if (!data.value) return <LinearProgress data-testid="admin-loading" />;

  const { sources, types, credentials } = data.value;
  const remove = async (source: SourceSummary) => {
    setDialog(undefined);
    try {
      await api.deleteSource(source.id);
    } catch (error) {
      setActionError(
        t('admin.sources.actionFailed', {
          source: source.id,
          message: serverMessage(error),
        }),
      );
    }
    data.retry();
  };
  const failures = Object.entries(runs.failures);

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Box sx={{ display: 'flex', justifyContent: 'flex-end' }}>
        <Button
          variant="contained"
          startIcon={<AddIcon />}
          onClick={() => setDialog({ kind: 'register' })}
          disabled={!types.some(type => !type.configOnly)}
          data-testid="admin-register"
        >
          {t('admin.sources.register')}
        </Button>
      </Box>
      {actionError && (
        <Alert
          severity="error"
          onClose={() => setActionError(undefined)}
          closeText={t('admin.sources.closeError')}
        >
          {actionError}
        </Alert>
      )}
      {failures.map(([source, message]) => (
        <Alert severity="error" key={source} data-testid="admin-run-failed">
          {t('admin.sources.actionFailed', { source, message })}
        </Alert>
      ))}
      <SourcesTable
        sources={sources}
        pending={runs.pending}
        onRun={runs.run}
        onHistory={source => setDialog({ kind: 'history', source })}
        onEdit={source => setDialog({ kind: 'edit', source })}
        onDelete={source => setDialog({ kind: 'delete', source })}
      />
      {(dialog?.kind === 'register' || dialog?.kind === 'edit') && (
        <SourceFormDialog
          types={types}
          credentials={credentials}
          source={dialog.kind === 'edit' ? dialog.source : undefined}
          onClose={() => setDialog(undefined)}
          onSaved={() => {
            setDialog(undefined);
            data.retry();
          }}
        />
      )}
      {dialog?.kind === 'history' && (
        <RunHistoryDialog
          source={dialog.source}
          pollIntervalMs={pollIntervalMs}
          onClose={() => setDialog(undefined)}
        />
      )}
      {dialog?.kind === 'delete' && (
        <Dialog open onClose={() => setDialog(undefined)}>
          <DialogTitle>
            {t('admin.sources.deleteTitle', { id: dialog.source.id })}
          </DialogTitle>
          <DialogContent>{t('admin.sources.deleteDescription')}</DialogContent>
          <DialogActions>
            <Button onClick={() => setDialog(undefined)}>
              {t('admin.sources.cancel')}
            </Button>
            <Button
              color="error"
              variant="contained"
              onClick={() => remove(dialog.source)}
              data-testid="admin-delete-confirm"
            >
              {t('admin.sources.delete')}
            </Button>
          </DialogActions>
        </Dialog>
      )}
    </Box>
  );
}

function CoverageSection(props: { onForbidden: () => void }) {
  const api = useApi(customerKpisApiRef);
  const { t } = useKpiFormat();
  // the kind shown is in the URL (`?tab=coverage&kind=system`), so that a view of the systems can be shared
  const [search, setSearch] = useSearchParams();
  const kind =
    COVERAGE_KINDS.find(value => value === search.get('kind')) ?? 'component';
  const coverage = useLoader(() => api.getCoverage({ kind }), [api, kind]);
  const forbidden = coverage.error && isNotAllowed(coverage.error);
  const { onForbidden } = props;
  useEffect(() => {
    if (forbidden) onForbidden();
  }, [forbidden, onForbidden]);
  if (forbidden) return null;
  if (coverage.error)
    return (
      <Alert
        severity="error"
        data-testid="admin-coverage-error"
        action={
          <Button color="inherit" size="small" onClick={coverage.retry}>
            {t('admin.retry')}
          </Button>
        }
      >
        <AlertTitle>{t('admin.coverage.errorTitle')}</AlertTitle>
        {serverMessage(coverage.error)}
      </Alert>
    );
  if (!coverage.value) return <LinearProgress data-testid="admin-loading" />;
  return (
    <CoverageMatrix
      coverage={coverage.value}
      kind={kind}
      loading={coverage.loading}
      onKindChange={next =>
        setSearch(
          previous => {
            const params = new URLSearchParams(previous);
            if (next === 'component') params.delete('kind');
            else params.set('kind', next);
            return params;
          },
          { replace: true },
        )
      }
    />
  );
}

const TABS = ['sources', 'coverage', 'import'] as const;

/** The admin page without a header (the new frontend system's page supplies one). */
export function AdminPageContent(props: { pollIntervalMs?: number }) {
  const { pollIntervalMs = DEFAULT_POLL_INTERVAL_MS } = props;
  const { t } = useKpiFormat();
  const permission = usePermission({
    permission: customerKpisSourceManagePermission,
  });
  const [forbidden, setForbidden] = useState(false);
  const [search, setSearch] = useSearchParams();
  const tab = TABS.find(value => value === search.get('tab')) ?? 'sources';

  if (permission.loading) return <LinearProgress data-testid="admin-loading" />;
  if (!permission.allowed || forbidden) return <AdminNoPermission />;

  return (
    <Box data-testid="customer-kpis-admin">
      <Tabs
        value={tab}
        onChange={(_, next: (typeof TABS)[number]) =>
          setSearch(
            previous => {
              const params = new URLSearchParams(previous);
              if (next === 'sources') params.delete('tab');
              else params.set('tab', next);
              return params;
            },
            { replace: true },
          )
        }
        sx={{ mb: 2 }}
      >
        {TABS.map(value => (
          <Tab
            key={value}
            value={value}
            label={t(`admin.tabs.${value}`)}
            data-testid={`admin-tab-${value}`}
          />
        ))}
      </Tabs>
      {tab === 'sources' && (
        <SourcesSection
          pollIntervalMs={pollIntervalMs}
          onForbidden={() => setForbidden(true)}
        />
      )}
      {tab === 'coverage' && (
        <CoverageSection onForbidden={() => setForbidden(true)} />
      )}
      {tab === 'import' && <CsvImportSection />}
    </Box>
  );
}
