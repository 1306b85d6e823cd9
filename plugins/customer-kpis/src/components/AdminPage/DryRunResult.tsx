// What a test run of an unsaved source would store: entities bound, observations of the first page, a sample,
// the observations the backend would reject, and the error that stopped it.
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { SourceDryRunResponse } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { useKpiFormat } from '../../hooks/useKpiFormat';
import { customerKpisTranslationRef } from '../../translations/ref';

/** Rows of the sample table shown at most. */
export const SAMPLE_ROWS = 5;

const ENVELOPE = new Set(['id', 'kpi', 'entityRef']);
// The time an observation is about: a survey answer's timestamp, an adoption gauge's date, and so on.
const TIME_KEYS = ['timestamp', 'date', 'period', 'resolvedAt', 'startedAt'];

function timeKey(observation: Record<string, unknown>): string | undefined {
  return TIME_KEYS.find(key => observation[key] !== undefined);
}

function valuesOf(observation: Record<string, unknown>): string {
  const time = timeKey(observation);
  return Object.entries(observation)
    .filter(([key]) => !ENVELOPE.has(key) && key !== time)
    .map(
      ([key, value]) =>
        `${key}: ${
          typeof value === 'object' ? JSON.stringify(value) : String(value)
        }`,
    )
    .join(', ');
}

/** The result of `POST /sources/test`. */
export function DryRunResult(props: {
  result: SourceDryRunResponse;
  annotation?: string;
}) {
  const { t } = useKpiFormat();
  // Backstage's own t for counted texts: the plural form (i18next's _one, _few, … keys) follows a numeric `count`,
  // which useKpiFormat's t (texts only) does not take; `{{count, number}}` formats it in the app's language.
  const { t: counted } = useTranslationRef(customerKpisTranslationRef);
  const { result, annotation } = props;
  const sample = result.sample.slice(0, SAMPLE_ROWS);
  return (
    <Box
      data-testid="source-dry-run"
      sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}
    >
      <Alert severity={result.error ? 'error' : 'info'}>
        <AlertTitle>{t('admin.dryRun.title')}</AlertTitle>
        <span data-testid="source-dry-run-summary">
          {t('admin.dryRun.summary', {
            bound: counted('admin.dryRun.bound', { count: result.entities }),
            firstPage: counted('admin.dryRun.firstPage', {
              count: result.observations,
            }),
          })}
        </span>
        {result.entities === 0 && annotation && (
          <Typography variant="body2" sx={{ mt: 0.5 }}>
            {t('admin.dryRun.noEntities', { annotation })}
          </Typography>
        )}
      </Alert>
      {result.error && (
        <Alert severity="error" data-testid="source-dry-run-error">
          <AlertTitle>{t('admin.dryRun.error')}</AlertTitle>
          <Box sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
            {result.error}
          </Box>
        </Alert>
      )}
      {sample.length > 0 && (
        <Box>
          <Typography variant="subtitle2">
            {t('admin.dryRun.sample')}
          </Typography>
          <Table size="small" data-testid="source-dry-run-sample">
            <TableHead>
              <TableRow>
                <TableCell>{t('admin.dryRun.entity')}</TableCell>
                <TableCell>{t('admin.dryRun.kpi')}</TableCell>
                <TableCell>{t('admin.dryRun.time')}</TableCell>
                <TableCell>{t('admin.dryRun.values')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {sample.map((observation, index) => (
                <TableRow key={String(observation.id ?? index)}>
                  <TableCell>{String(observation.entityRef ?? '')}</TableCell>
                  <TableCell>{String(observation.kpi ?? '')}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    {String(observation[timeKey(observation) ?? ''] ?? '')}
                  </TableCell>
                  <TableCell>{valuesOf(observation)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
      {result.invalid.length > 0 && (
        <Alert severity="warning" data-testid="source-dry-run-invalid">
          <AlertTitle>
            {counted('admin.dryRun.invalid', { count: result.invalid.length })}
          </AlertTitle>
          <Box component="ul" sx={{ m: 0, pl: 2 }}>
            {result.invalid.map(item => (
              <li key={`${item.index}-${item.path}`}>
                {t('admin.dryRun.invalidItem', {
                  index: String(item.index),
                  path: item.path,
                  message: item.message,
                })}
              </li>
            ))}
          </Box>
        </Alert>
      )}
    </Box>
  );
}
