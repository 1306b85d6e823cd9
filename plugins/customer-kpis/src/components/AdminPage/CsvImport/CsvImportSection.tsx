// The admin page's CSV import: choose the KPI, download its template, pick a file, map its columns with a preview
// and the validation report from the backend's dry run, then import it with upload progress and the result counts.
import { useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import DownloadIcon from '@mui/icons-material/Download';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { useApi } from '@backstage/core-plugin-api';
import {
  DEFAULT_IMPORT_SOURCE,
  IMPORT_DELIMITERS,
  ImportReport,
  ImportResponse,
  KPI_IDS,
  KpiId,
  importFieldsOf,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { CsvImportError, customerKpisApiRef } from '../../../api';
import { useKpiFormat } from '../../../hooks/useKpiFormat';
import { downloadCsv } from '../../LeadershipPage/downloadCsv';
import { serverMessage } from '../adminFormat';
import { ImportPreview, ImportReportView } from './ImportReportView';

type Delimiter = keyof typeof IMPORT_DELIMITERS;

const DELIMITER_LABELS = {
  ',': 'admin.import.delimiterComma',
  ';': 'admin.import.delimiterSemicolon',
  tab: 'admin.import.delimiterTab',
} as const;

/** What the section shows below the form. */
type Step =
  | { kind: 'idle' }
  | { kind: 'busy'; action: 'checking' | 'importing'; progress?: number }
  | { kind: 'checked'; check: ImportResponse }
  | { kind: 'rejected'; message: string; report?: ImportReport }
  | { kind: 'imported'; result: ImportResponse };

/** The "Import CSV" tab of the admin page. */
export function CsvImportSection() {
  const api = useApi(customerKpisApiRef);
  const { t, kpiTitle, count } = useKpiFormat();
  const [kpi, setKpi] = useState<KpiId>(KPI_IDS[0]);
  const [source, setSource] = useState(DEFAULT_IMPORT_SOURCE);
  const [delimiter, setDelimiter] = useState<Delimiter>(',');
  const [file, setFile] = useState<File>();
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [templateError, setTemplateError] = useState<string>();
  const input = useRef<HTMLInputElement>(null);
  const fields = importFieldsOf(kpi).map(f => f.name);

  const send = async (
    action: 'checking' | 'importing',
    next: {
      file?: File;
      kpi?: KpiId;
      mapping?: Record<string, string>;
      delimiter?: Delimiter;
    } = {},
  ) => {
    const chosen = next.file ?? file;
    if (!chosen) return;
    // A column the table shows as ignored (no field of its name, not mapped yet) is sent as ignored (""), so that
    // what is checked and imported is what the table shows (a new delimiter makes new columns: none carried over).
    const shownIgnored = Object.fromEntries(
      (step.kind === 'checked' && next.delimiter === undefined
        ? step.check.columns
        : []
      )
        .filter(column => column.field === null)
        .map(column => [column.header, '']),
    );
    setStep({ kind: 'busy', action });
    try {
      const answer = await api.importCsv(
        chosen,
        {
          kpi: next.kpi ?? kpi,
          source,
          delimiter: next.delimiter ?? delimiter,
          mapping: next.mapping ?? { ...shownIgnored, ...mapping },
          dryRun: action === 'checking',
        },
        { onProgress: progress => setStep({ kind: 'busy', action, progress }) },
      );
      setStep(
        action === 'checking'
          ? { kind: 'checked', check: answer }
          : { kind: 'imported', result: answer },
      );
    } catch (error) {
      setStep({
        kind: 'rejected',
        message: serverMessage(error),
        report: error instanceof CsvImportError ? error.report : undefined,
      });
    }
  };

  const chooseKpi = (next: KpiId) => {
    setKpi(next);
    setMapping({});
    if (file) send('checking', { kpi: next, mapping: {} });
  };

  const downloadTemplate = async () => {
    setTemplateError(undefined);
    try {
      downloadCsv(await api.getImportTemplate(kpi), `${kpi}.csv`);
    } catch (error) {
      setTemplateError(serverMessage(error));
    }
  };

  const check = step.kind === 'checked' ? step.check : undefined;
  const busy = step.kind === 'busy';

  return (
    <Box
      sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}
      data-testid="csv-import"
    >
      <Typography variant="h6">{t('admin.import.title')}</Typography>
      <Typography variant="body2">{t('admin.import.description')}</Typography>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
        <TextField
          select
          label={t('admin.import.kpi')}
          value={kpi}
          onChange={e => chooseKpi(e.target.value as KpiId)}
          disabled={busy}
          sx={{ minWidth: 220 }}
          inputProps={{ 'data-testid': 'import-kpi' }}
        >
          {KPI_IDS.map(id => (
            <MenuItem key={id} value={id}>
              {kpiTitle(id)}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          label={t('admin.import.source')}
          helperText={t('admin.import.sourceHelp')}
          value={source}
          onChange={e => setSource(e.target.value)}
          disabled={busy}
          sx={{ minWidth: 260, flex: 1 }}
          inputProps={{ 'data-testid': 'import-source' }}
        />
        <TextField
          select
          label={t('admin.import.delimiter')}
          value={delimiter}
          onChange={e => {
            const next = e.target.value as Delimiter;
            setDelimiter(next);
            if (file) send('checking', { delimiter: next });
          }}
          disabled={busy}
          sx={{ minWidth: 140 }}
        >
          {(Object.keys(IMPORT_DELIMITERS) as Delimiter[]).map(d => (
            <MenuItem key={d} value={d}>
              {t(DELIMITER_LABELS[d])}
            </MenuItem>
          ))}
        </TextField>
      </Box>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center' }}>
        <Button
          variant="outlined"
          startIcon={<DownloadIcon />}
          onClick={downloadTemplate}
          data-testid="import-template"
        >
          {t('admin.import.template')}
        </Button>
        <Button
          variant="outlined"
          startIcon={<UploadFileIcon />}
          onClick={() => input.current?.click()}
          disabled={busy}
        >
          {t('admin.import.chooseFile')}
        </Button>
        <input
          ref={input}
          type="file"
          accept=".csv,text/csv"
          hidden
          data-testid="import-file"
          onChange={e => {
            const chosen = e.target.files?.[0];
            e.target.value = '';
            if (!chosen) return;
            setFile(chosen);
            setMapping({});
            send('checking', { file: chosen, mapping: {} });
          }}
        />
        {file && <Typography variant="body2">{file.name}</Typography>}
      </Box>
      {templateError && <Alert severity="error">{templateError}</Alert>}

      {step.kind === 'busy' && (
        <Box data-testid="import-progress">
          <Typography variant="body2">
            {step.progress !== undefined && step.progress < 1
              ? t('admin.import.uploading', {
                  percent: String(Math.round(step.progress * 100)),
                })
              : t(
                  step.action === 'checking'
                    ? 'admin.import.checking'
                    : 'admin.import.importing',
                )}
          </Typography>
          <LinearProgress
            variant={
              step.progress !== undefined && step.progress < 1
                ? 'determinate'
                : 'indeterminate'
            }
            value={(step.progress ?? 0) * 100}
          />
        </Box>
      )}

      {check && (
        <>
          <Typography variant="subtitle2">
            {t('admin.import.mappingTitle')}
          </Typography>
          <Table size="small" data-testid="import-mapping">
            <TableHead>
              <TableRow>
                <TableCell>{t('admin.import.header')}</TableCell>
                <TableCell>{t('admin.import.field')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {check.columns.map(column => (
                <TableRow key={column.header}>
                  <TableCell>{column.header}</TableCell>
                  <TableCell>
                    <TextField
                      select
                      size="small"
                      value={mapping[column.header] ?? column.field ?? ''}
                      onChange={e =>
                        setMapping({
                          ...mapping,
                          [column.header]: e.target.value,
                        })
                      }
                      // Without displayEmpty, MUI shows "" (ignored) as a blank select rather than its item.
                      SelectProps={{ displayEmpty: true }}
                      inputProps={{
                        'aria-label': column.header,
                        'data-testid': `import-map-${column.header}`,
                      }}
                      sx={{ minWidth: 220 }}
                    >
                      <MenuItem value="">
                        <em>{t('admin.import.ignore')}</em>
                      </MenuItem>
                      {fields.map(field => (
                        <MenuItem key={field} value={field}>
                          {field}
                        </MenuItem>
                      ))}
                    </TextField>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Box>
            <Button
              onClick={() => send('checking')}
              data-testid="import-recheck"
            >
              {t('admin.import.recheck')}
            </Button>
          </Box>
          <ImportReportView report={check.report} />
          <ImportPreview preview={check.preview} fields={fields} />
          <Box>
            <Button
              variant="contained"
              disabled={!check.report.valid}
              onClick={() => send('importing')}
              data-testid="import-submit"
            >
              {t('admin.import.import', { rows: count(check.report.rows) })}
            </Button>
          </Box>
        </>
      )}

      {step.kind === 'rejected' && (
        <>
          <Alert severity="error" data-testid="import-error">
            {t('admin.import.failed', { message: step.message })}
          </Alert>
          {step.report && <ImportReportView report={step.report} />}
        </>
      )}

      {step.kind === 'imported' && step.result.counts && (
        <Alert severity="success" data-testid="import-result">
          {t('admin.import.done', {
            source: step.result.source,
            inserted: count(step.result.counts.inserted),
            unchanged: count(step.result.counts.unchanged),
            replaced: count(step.result.counts.replaced),
          })}
        </Alert>
      )}
    </Box>
  );
}
