// The list of data sources: type, origin, schedule, last and next run, and the actions a platform engineer takes.
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import DeleteIcon from '@mui/icons-material/Delete';
import EditIcon from '@mui/icons-material/Edit';
import HistoryIcon from '@mui/icons-material/History';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import VisibilityIcon from '@mui/icons-material/Visibility';
import {
  SourceRunResponse,
  SourceSummary,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { useKpiFormat } from '../../hooks/useKpiFormat';
import { formatSchedule } from './adminFormat';
import { RunSummary } from './RunStatus';

/** What the table shows of runs started from this page and not finished yet. */
export interface PendingRun {
  /** The newest run seen since "Run now"; undefined until it has started. */
  run?: SourceRunResponse;
}

/** The sources with their runs and actions. */
export function SourcesTable(props: {
  sources: SourceSummary[];
  pending: Record<string, PendingRun>;
  onRun: (source: SourceSummary) => void;
  onHistory: (source: SourceSummary) => void;
  onEdit: (source: SourceSummary) => void;
  onDelete: (source: SourceSummary) => void;
}) {
  const format = useKpiFormat();
  const { t, age, dateTime } = format;
  const { sources, pending } = props;

  if (sources.length === 0) {
    return (
      <Typography color="text.secondary" data-testid="admin-sources-empty">
        {t('admin.sources.empty')}
      </Typography>
    );
  }

  return (
    <Table size="small" data-testid="admin-sources-table">
      <TableHead>
        <TableRow>
          <TableCell>{t('admin.sources.source')}</TableCell>
          <TableCell>{t('admin.sources.type')}</TableCell>
          <TableCell>{t('admin.sources.origin')}</TableCell>
          <TableCell>{t('admin.sources.schedule')}</TableCell>
          <TableCell sx={{ minWidth: 280 }}>
            {t('admin.sources.lastRun')}
          </TableCell>
          <TableCell>{t('admin.sources.nextRun')}</TableCell>
          <TableCell align="right">{t('admin.sources.actions')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {sources.map(source => {
          const live = pending[source.id];
          const run = live ? live.run ?? null : source.lastRun;
          const readOnly = source.origin === 'config';
          const busy = Boolean(live) || source.lastRun?.status === 'running';
          let editBlocked: string | undefined;
          if (readOnly) editBlocked = t('admin.sources.configReadOnly');
          else if (!source.typeAvailable)
            editBlocked = t('admin.sources.typeMissing');
          return (
            <TableRow
              key={source.id}
              data-testid={`admin-source-${source.id}`}
              sx={{ verticalAlign: 'top' }}
            >
              <TableCell>
                <Typography variant="body2" fontWeight={500}>
                  {source.title ?? source.id}
                </Typography>
                {source.title && (
                  <Typography variant="caption" color="text.secondary">
                    {source.id}
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                <code>{source.type}</code>
                {!source.typeAvailable && (
                  <Chip
                    size="small"
                    color="warning"
                    label={t('admin.sources.typeMissing')}
                    sx={{ ml: 1 }}
                  />
                )}
              </TableCell>
              <TableCell>
                <Chip
                  size="small"
                  variant="outlined"
                  label={
                    readOnly
                      ? t('admin.sources.originConfig')
                      : t('admin.sources.originApi')
                  }
                  data-testid="source-origin"
                />
              </TableCell>
              <TableCell>{formatSchedule(source.schedule, format)}</TableCell>
              <TableCell>
                <RunSummary run={run} queued={Boolean(live) && !live.run} />
                {source.lastSuccess &&
                  source.lastRun?.status === 'failed' &&
                  !live && (
                    <Typography variant="caption" color="text.secondary">
                      {t('admin.sources.lastSuccess', {
                        age: age(source.lastSuccess.startedAt),
                      })}
                    </Typography>
                  )}
              </TableCell>
              <TableCell>
                {source.nextRunAt ? (
                  <span title={dateTime(source.nextRunAt)}>
                    {age(source.nextRunAt)}
                  </span>
                ) : (
                  '—'
                )}
              </TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                <Tooltip title={t('admin.sources.runNow')}>
                  <span>
                    <IconButton
                      size="small"
                      aria-label={t('admin.sources.runNow')}
                      disabled={busy || !source.typeAvailable}
                      onClick={() => props.onRun(source)}
                      data-testid="source-run"
                    >
                      <PlayArrowIcon fontSize="small" />
                    </IconButton>
                  </span>
                </Tooltip>
                <Tooltip title={t('admin.sources.history')}>
                  <IconButton
                    size="small"
                    aria-label={t('admin.sources.history')}
                    onClick={() => props.onHistory(source)}
                    data-testid="source-history"
                  >
                    <HistoryIcon fontSize="small" />
                  </IconButton>
                </Tooltip>
                {readOnly && source.typeAvailable && (
                  <Tooltip title={t('admin.sources.view')}>
                    <IconButton
                      size="small"
                      aria-label={t('admin.sources.view')}
                      onClick={() => props.onEdit(source)}
                      data-testid="source-view"
                    >
                      <VisibilityIcon fontSize="small" />
                    </IconButton>
                  </Tooltip>
                )}
                <Tooltip title={editBlocked ?? t('admin.sources.edit')}>
                  <span>
                    <IconButton
                      size="small"
                      aria-label={t('admin.sources.edit')}
                      disabled={Boolean(editBlocked)}
                      onClick={() => props.onEdit(source)}
                      data-testid="source-edit"
                    >
                      <EditIcon fontSize="small" />
                    </IconButton>
                  </span>
                </Tooltip>
                <Tooltip
                  title={
                    readOnly
                      ? t('admin.sources.configReadOnly')
                      : t('admin.sources.delete')
                  }
                >
                  <span>
                    <IconButton
                      size="small"
                      aria-label={t('admin.sources.delete')}
                      disabled={readOnly}
                      onClick={() => props.onDelete(source)}
                      data-testid="source-delete"
                    >
                      <DeleteIcon fontSize="small" />
                    </IconButton>
                  </span>
                </Tooltip>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
