// The runs of one source, newest first, reloaded while one is running.
import { useEffect } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useApi } from '@backstage/core-plugin-api';
import { SourceSummary } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { customerKpisApiRef } from '../../api';
import { useKpiFormat } from '../../hooks/useKpiFormat';
import { useLoader } from '../../hooks/useLoader';
import { LoadError } from '../shared/StateMessages';
import { formatRunDuration } from './adminFormat';
import { RunStatusChip } from './RunStatus';

/** A dialog listing the last 50 runs of `source`. */
export function RunHistoryDialog(props: {
  source: SourceSummary;
  onClose: () => void;
  pollIntervalMs: number;
}) {
  const { source, onClose, pollIntervalMs } = props;
  const api = useApi(customerKpisApiRef);
  const format = useKpiFormat();
  const { t, count, dateTime } = format;
  const runs = useLoader(
    () => api.listRuns(source.id, { limit: 50 }),
    [api, source.id],
  );
  const running = runs.value?.some(run => run.status === 'running');
  const { retry } = runs;
  useEffect(() => {
    if (!running) return undefined;
    const timer = setTimeout(retry, pollIntervalMs);
    return () => clearTimeout(timer);
  }, [running, retry, pollIntervalMs, runs.value]);

  return (
    <Dialog open onClose={onClose} maxWidth="lg" fullWidth>
      <DialogTitle>
        {t('admin.history.title', { source: source.title ?? source.id })}
      </DialogTitle>
      <DialogContent data-testid="admin-run-history">
        {runs.loading && !runs.value && <LinearProgress />}
        {runs.error && <LoadError error={runs.error} onRetry={runs.retry} />}
        {runs.value?.length === 0 && (
          <Typography color="text.secondary">
            {t('admin.history.empty')}
          </Typography>
        )}
        {runs.value && runs.value.length > 0 && (
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{t('admin.history.started')}</TableCell>
                <TableCell>{t('admin.history.trigger')}</TableCell>
                <TableCell>{t('admin.history.status')}</TableCell>
                <TableCell align="right">
                  {t('admin.history.duration')}
                </TableCell>
                <TableCell align="right">{t('admin.history.pages')}</TableCell>
                <TableCell align="right">
                  {t('admin.history.entities')}
                </TableCell>
                <TableCell align="right">
                  {t('admin.history.inserted')}
                </TableCell>
                <TableCell align="right">
                  {t('admin.history.replaced')}
                </TableCell>
                <TableCell align="right">
                  {t('admin.history.retracted')}
                </TableCell>
                <TableCell align="right">
                  {t('admin.history.unchanged')}
                </TableCell>
                <TableCell>{t('admin.history.error')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {runs.value.map(run => (
                <TableRow
                  key={run.id}
                  data-testid={`admin-run-${run.id}`}
                  sx={{ verticalAlign: 'top' }}
                >
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    {dateTime(run.startedAt)}
                  </TableCell>
                  <TableCell>{t(`admin.run.${run.trigger}`)}</TableCell>
                  <TableCell>
                    <RunStatusChip state={run.status} />
                  </TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    {run.durationMs === null
                      ? '—'
                      : formatRunDuration(run.durationMs, format)}
                  </TableCell>
                  <TableCell align="right">{count(run.pages)}</TableCell>
                  <TableCell align="right">{count(run.entities)}</TableCell>
                  <TableCell align="right">{count(run.inserted)}</TableCell>
                  <TableCell align="right">{count(run.replaced)}</TableCell>
                  <TableCell align="right">{count(run.retracted)}</TableCell>
                  <TableCell align="right">{count(run.unchanged)}</TableCell>
                  <TableCell
                    sx={{
                      color: 'error.main',
                      whiteSpace: 'pre-wrap',
                      wordBreak: 'break-word',
                    }}
                  >
                    {run.error ?? ''}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('admin.history.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
