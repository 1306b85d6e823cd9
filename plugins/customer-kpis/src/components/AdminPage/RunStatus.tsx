// The state of a source run: a chip (starting, running, succeeded, failed) and a line of counts, duration and error.
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import HourglassTopIcon from '@mui/icons-material/HourglassTop';
import { SourceRunResponse } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { useKpiFormat } from '../../hooks/useKpiFormat';
import { formatRunDuration } from './adminFormat';

/** A run state: a run's status, or 'queued' between "Run now" and the run's start. */
export type RunState = SourceRunResponse['status'] | 'queued';

/** A chip with the state of a run. */
export function RunStatusChip(props: { state: RunState }) {
  const { t } = useKpiFormat();
  const { state } = props;
  const look = {
    queued: { color: 'default', icon: <HourglassTopIcon /> },
    running: { color: 'info', icon: <HourglassTopIcon /> },
    succeeded: { color: 'success', icon: <CheckCircleIcon /> },
    failed: { color: 'error', icon: <ErrorIcon /> },
  } as const;
  return (
    <Chip
      size="small"
      variant={state === 'queued' ? 'outlined' : 'filled'}
      color={look[state].color}
      icon={look[state].icon}
      label={t(`admin.run.${state}`)}
      data-testid="run-status"
      data-status={state}
    />
  );
}

/** The last run of a source: state, when, how long, what it stored, and its error. */
export function RunSummary(props: {
  run: SourceRunResponse | null;
  queued?: boolean;
}) {
  const format = useKpiFormat();
  const { t, count, age, dateTime } = format;
  const { run, queued } = props;
  if (!run && !queued) {
    return (
      <Typography variant="body2" color="text.secondary">
        {t('admin.sources.never')}
      </Typography>
    );
  }
  const state: RunState = queued ? 'queued' : run!.status;
  return (
    <Box data-testid="run-summary" data-status={state}>
      <Box
        sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}
      >
        <RunStatusChip state={state} />
        {run && !queued && (
          <Typography
            variant="body2"
            color="text.secondary"
            title={dateTime(run.startedAt)}
          >
            {age(run.startedAt)}
            {run.durationMs !== null &&
              ` · ${t('admin.sources.took', {
                duration: formatRunDuration(run.durationMs, format),
              })}`}
          </Typography>
        )}
      </Box>
      {run && !queued && run.status !== 'running' && (
        <Typography variant="caption" color="text.secondary" component="div">
          {t('admin.sources.counts', {
            entities: count(run.entities),
            inserted: count(run.inserted),
            replaced: count(run.replaced),
            retracted: count(run.retracted),
            unchanged: count(run.unchanged),
          })}
        </Typography>
      )}
      {run && !queued && run.error && (
        <Typography
          variant="body2"
          color="error"
          data-testid="run-error"
          sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', mt: 0.5 }}
        >
          {run.error}
        </Typography>
      )}
    </Box>
  );
}
