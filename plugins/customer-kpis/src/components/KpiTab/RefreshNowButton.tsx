// "Refresh now": runs every data source of the entity, shown only to users who may manage sources.
import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import RefreshIcon from '@mui/icons-material/Refresh';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { customerKpisSourceManagePermission } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { customerKpisApiRef } from '../../api';
import { KpiFormat } from '../../hooks/useKpiFormat';
import { errorMessage } from '../shared/kpiState';

type RefreshResult =
  | { kind: 'done'; count: number }
  | { kind: 'failed'; failures: { source: string; message: string }[] };

/** Runs `sourceIds` now and calls `onDone` when they have been run; renders nothing without the permission. */
export function RefreshNowButton(props: {
  sourceIds: string[];
  format: KpiFormat;
  onDone: () => void;
}) {
  const { sourceIds, format, onDone } = props;
  const { t } = format;
  const api = useApi(customerKpisApiRef);
  const { allowed } = usePermission({
    permission: customerKpisSourceManagePermission,
  });
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<RefreshResult>();

  if (!allowed || sourceIds.length === 0) return null;

  const refresh = async () => {
    setRunning(true);
    setResult(undefined);
    const outcomes = await Promise.allSettled(
      sourceIds.map(id => api.runSource(id)),
    );
    const failures = outcomes.flatMap((outcome, index) =>
      outcome.status === 'rejected'
        ? [
            {
              source: sourceIds[index],
              message:
                outcome.reason instanceof Error
                  ? errorMessage(outcome.reason)
                  : String(outcome.reason),
            },
          ]
        : [],
    );
    setRunning(false);
    setResult(
      failures.length
        ? { kind: 'failed', failures }
        : { kind: 'done', count: sourceIds.length },
    );
    onDone();
  };

  return (
    <Box
      sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}
    >
      <Button
        variant="outlined"
        size="small"
        startIcon={<RefreshIcon />}
        disabled={running}
        onClick={refresh}
        data-testid="customer-kpis-refresh"
      >
        {running ? t('tab.refresh.running') : t('tab.refresh.button')}
      </Button>
      {result?.kind === 'done' && (
        <Alert
          severity="success"
          data-testid="customer-kpis-refresh-result"
          sx={{ py: 0 }}
        >
          {t('tab.refresh.done', { sources: format.count(result.count) })}
        </Alert>
      )}
      {result?.kind === 'failed' && (
        <Alert
          severity="error"
          data-testid="customer-kpis-refresh-result"
          sx={{ py: 0 }}
        >
          {result.failures
            .map(f =>
              t('tab.refresh.failed', { source: f.source, message: f.message }),
            )
            .join(' ')}
        </Alert>
      )}
    </Box>
  );
}
