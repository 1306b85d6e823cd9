// The answer of a CSV dry run or import as tables: the validation report (line, column, reason) and the preview of
// the first rows as the observations they become.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import {
  ImportReport,
  ImportResponse,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { useKpiFormat } from '../../../hooks/useKpiFormat';

/** The validation report: all valid, or the problems with their line, column and reason. */
export function ImportReportView(props: { report: ImportReport }) {
  const { report } = props;
  const { t, count } = useKpiFormat();
  if (report.valid)
    return (
      <Alert severity="success" data-testid="import-report-valid">
        {t('admin.import.reportValid', { rows: count(report.rows) })}
      </Alert>
    );
  return (
    <Box data-testid="import-report">
      <Alert severity="warning">
        {t('admin.import.reportInvalid', {
          problems: count(report.problemCount),
          invalidRows: count(report.invalidRows),
          rows: count(report.rows),
        })}
      </Alert>
      {report.problemCount > report.problems.length && (
        <Typography variant="body2" sx={{ mt: 1 }}>
          {t('admin.import.reportListed', {
            listed: count(report.problems.length),
          })}
        </Typography>
      )}
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{t('admin.import.line')}</TableCell>
            <TableCell>{t('admin.import.column')}</TableCell>
            <TableCell>{t('admin.import.reason')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {report.problems.map((problem, i) => (
            <TableRow key={i} data-testid="import-problem">
              <TableCell>{problem.line}</TableCell>
              <TableCell>{problem.column ?? problem.field ?? '—'}</TableCell>
              <TableCell>{problem.reason}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

/** The first rows as observations, one column per field of the KPI. */
export function ImportPreview(props: {
  preview: ImportResponse['preview'];
  fields: string[];
}) {
  const { preview, fields } = props;
  const { t } = useKpiFormat();
  if (preview.length === 0) return null;
  return (
    <Box>
      <Typography variant="subtitle2">
        {t('admin.import.previewTitle')}
      </Typography>
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small" data-testid="import-preview">
          <TableHead>
            <TableRow>
              <TableCell>{t('admin.import.line')}</TableCell>
              {fields.map(field => (
                <TableCell key={field}>{field}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {preview.map(row => (
              <TableRow key={row.line}>
                <TableCell>{row.line}</TableCell>
                {fields.map(field => (
                  <TableCell key={field}>
                    {row.observation[field] === undefined ||
                    row.observation[field] === null
                      ? ''
                      : String(row.observation[field])}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </Box>
  );
}
