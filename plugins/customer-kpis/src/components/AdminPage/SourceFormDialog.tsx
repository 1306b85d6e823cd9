// Registers or edits a source: id, title, type and schedule, the type's config as a form generated from its JSON
// Schema, a test run of the unsaved definition, and the server's refusal shown under the form (and at the field it
// names). A source defined in app-config is shown read-only.
import { useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Divider from '@mui/material/Divider';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useApi } from '@backstage/core-plugin-api';
import {
  CredentialSummary,
  SourceDryRunResponse,
  SourceSchedule,
  SourceSummary,
  SourceTypeSummary,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { customerKpisApiRef } from '../../api';
import { useKpiFormat } from '../../hooks/useKpiFormat';
import { scheduleCron, scheduleMinutes, serverMessage } from './adminFormat';
import { ConfigForm, issueText } from './configForm/ConfigForm';
import {
  FieldIssue,
  FormValue,
  FormValues,
  buildConfig,
  initialValues,
  issueKeys,
  serverIssue,
  validateValues,
} from './configForm/formValues';
import { schemaFields } from './configForm/schemaFields';
import { DryRunResult } from './DryRunResult';

/** The rule of a source id, as the API's schema states it. */
export const SOURCE_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,99}$/;

const DEFAULT_MINUTES = '30';

type Busy = 'testing' | 'saving' | undefined;

/** The definition fields around the config: id, title, schedule. */
function definitionIssues(
  definition: { id: string; title: string; minutes: string },
  options: { checkId: boolean; checkSchedule: boolean },
): Record<string, FieldIssue> {
  const issues: Record<string, FieldIssue> = {};
  if (options.checkId) {
    if (!definition.id) issues.id = { code: 'required' };
    else if (!SOURCE_ID_PATTERN.test(definition.id))
      issues.id = { code: 'pattern' };
  }
  if (definition.title.length > 200)
    issues.title = { code: 'maxLength', limit: '200' };
  if (options.checkSchedule) {
    const minutes = Number(definition.minutes);
    if (!definition.minutes.trim()) issues.minutes = { code: 'required' };
    else if (!Number.isInteger(minutes)) issues.minutes = { code: 'integer' };
    else if (minutes < 1) issues.minutes = { code: 'minimum', limit: '1' };
  }
  return issues;
}

/**
 * The register/edit dialog. `source` set: edit it (id and type fixed), or show it read-only when it is defined in
 * app-config. Types that take their config from app-config only (`configOnly`) are not offered for registration.
 */
export function SourceFormDialog(props: {
  types: SourceTypeSummary[];
  credentials: CredentialSummary[];
  source?: SourceSummary;
  onClose: () => void;
  onSaved: (saved: SourceSummary) => void;
}) {
  const { types, credentials, source, onClose, onSaved } = props;
  const api = useApi(customerKpisApiRef);
  const format = useKpiFormat();
  const { t } = format;
  const editing = Boolean(source);
  const readOnly = source?.origin === 'config';
  const registrable = editing ? types : types.filter(type => !type.configOnly);

  const [id, setId] = useState(source?.id ?? '');
  const [title, setTitle] = useState(source?.title ?? '');
  const [typeId, setTypeId] = useState(
    source?.type ?? registrable[0]?.id ?? '',
  );
  const cron = source ? scheduleCron(source.schedule) : undefined;
  const [minutes, setMinutes] = useState(
    source
      ? String(scheduleMinutes(source.schedule) ?? DEFAULT_MINUTES)
      : DEFAULT_MINUTES,
  );
  const type = types.find(candidate => candidate.id === typeId);
  const fields = useMemo(
    () => (type ? schemaFields(type.configSchema) : []),
    [type],
  );
  const [values, setValues] = useState<FormValues>(() =>
    initialValues(fields, source?.config),
  );
  const [showIssues, setShowIssues] = useState(false);
  const [busy, setBusy] = useState<Busy>();
  const [serverError, setServerError] = useState<string>();
  const [dryRun, setDryRun] = useState<SourceDryRunResponse>();

  const configIssues = validateValues(fields, values);
  const ownIssues = definitionIssues(
    { id, title, minutes },
    { checkId: !editing, checkSchedule: cron === undefined },
  );
  // the server's 400 names a config field: show its message at that field too, until something changes
  const fromServer = serverIssue(serverError, issueKeys(fields, values));
  const shownConfigIssues = {
    ...(showIssues ? configIssues : {}),
    ...(fromServer ? { [fromServer.key]: fromServer.issue } : {}),
  };
  const shownOwnIssues = showIssues ? ownIssues : {};
  const hasIssues =
    Object.keys(configIssues).length + Object.keys(ownIssues).length > 0;

  const changed = () => {
    setDryRun(undefined);
    setServerError(undefined);
  };
  const changeValue = (key: string, value: FormValue) => {
    setValues(previous => ({ ...previous, [key]: value }));
    changed();
  };
  const changeType = (next: string) => {
    setTypeId(next);
    const nextType = types.find(candidate => candidate.id === next);
    setValues(
      initialValues(nextType ? schemaFields(nextType.configSchema) : []),
    );
    setShowIssues(false);
    changed();
  };

  const config = () => buildConfig(fields, values);

  const test = async () => {
    setShowIssues(true);
    if (Object.keys(configIssues).length > 0 || !type) return;
    setBusy('testing');
    setServerError(undefined);
    setDryRun(undefined);
    try {
      setDryRun(
        await api.testSource({
          type: type.id,
          config: config(),
          ...(SOURCE_ID_PATTERN.test(id) ? { id } : {}),
          ...(title ? { title } : {}),
        }),
      );
    } catch (error) {
      setServerError(serverMessage(error));
    } finally {
      setBusy(undefined);
    }
  };

  const save = async () => {
    setShowIssues(true);
    if (hasIssues || !type) return;
    setBusy('saving');
    setServerError(undefined);
    const schedule: SourceSchedule =
      cron !== undefined && source
        ? source.schedule
        : {
            ...source?.schedule,
            frequency: { minutes: Number(minutes) },
          };
    const definition = {
      type: type.id,
      ...(title ? { title } : {}),
      schedule,
      config: config(),
    };
    try {
      const saved = source
        ? await api.updateSource(source.id, definition)
        : await api.createSource({ id, ...definition });
      onSaved(saved);
    } catch (error) {
      setServerError(serverMessage(error));
      setBusy(undefined);
    }
  };

  const ownHelper = (key: string, fallback?: string) => {
    const issue = shownOwnIssues[key];
    if (!issue) return fallback;
    return key === 'id' && issue.code === 'pattern'
      ? t('admin.validation.id')
      : issueText(issue, t);
  };

  return (
    <Dialog open onClose={busy ? undefined : onClose} maxWidth="md" fullWidth>
      <DialogTitle>
        {source
          ? t(readOnly ? 'admin.form.viewTitle' : 'admin.form.editTitle', {
              id: source.id,
            })
          : t('admin.form.registerTitle')}
      </DialogTitle>
      <DialogContent dividers data-testid="source-form">
        <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
          {readOnly && (
            <Alert severity="info" data-testid="source-form-read-only">
              {t('admin.form.readOnly')}
            </Alert>
          )}
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
            <TextField
              id="source-type"
              select
              label={t('admin.form.type')}
              required
              value={typeId}
              disabled={editing || busy !== undefined}
              onChange={event => changeType(event.target.value)}
              SelectProps={{ native: true }}
              InputLabelProps={{ shrink: true }}
              inputProps={{ 'data-testid': 'source-field-type' }}
              sx={{ minWidth: 200 }}
            >
              {registrable.map(candidate => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.title} ({candidate.id})
                </option>
              ))}
            </TextField>
            <TextField
              id="source-id"
              label={t('admin.form.id')}
              required
              value={id}
              disabled={editing || busy !== undefined}
              error={Boolean(shownOwnIssues.id)}
              helperText={ownHelper('id', t('admin.form.idHelp'))}
              onChange={event => {
                setId(event.target.value);
                changed();
              }}
              InputLabelProps={{ shrink: true }}
              inputProps={{ 'data-testid': 'source-field-id' }}
              sx={{ flex: 1, minWidth: 200 }}
            />
          </Box>
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
            <TextField
              id="source-title"
              label={t('admin.form.title')}
              value={title}
              disabled={busy !== undefined}
              InputProps={{ readOnly }}
              error={Boolean(shownOwnIssues.title)}
              helperText={ownHelper('title')}
              onChange={event => {
                setTitle(event.target.value);
                changed();
              }}
              InputLabelProps={{ shrink: true }}
              inputProps={{ 'data-testid': 'source-field-title' }}
              sx={{ flex: 1, minWidth: 200 }}
            />
            {cron === undefined ? (
              <TextField
                id="source-minutes"
                label={t('admin.form.scheduleMinutes')}
                required
                type="number"
                value={minutes}
                disabled={busy !== undefined}
                InputProps={{ readOnly }}
                error={Boolean(shownOwnIssues.minutes)}
                helperText={ownHelper('minutes')}
                onChange={event => {
                  setMinutes(event.target.value);
                  changed();
                }}
                InputLabelProps={{ shrink: true }}
                inputProps={{
                  'data-testid': 'source-field-minutes',
                  min: 1,
                  step: 1,
                }}
                sx={{ width: 220 }}
              />
            ) : (
              <Typography variant="body2" sx={{ alignSelf: 'center' }}>
                {t('admin.form.cronSchedule', { expression: cron })}
              </Typography>
            )}
          </Box>
          {type && (
            <>
              <Divider />
              <Typography variant="subtitle1">
                {t('admin.form.config')}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {type.description}{' '}
                {t('admin.form.binding', {
                  annotation: type.annotation,
                  kpis: type.kpis.map(format.kpiTitle).join(', '),
                })}
              </Typography>
              <ConfigForm
                fields={fields}
                values={values}
                issues={shownConfigIssues}
                credentials={credentials}
                disabled={busy !== undefined}
                readOnly={readOnly}
                onChange={changeValue}
              />
            </>
          )}
          {showIssues && hasIssues && (
            <Alert severity="warning" data-testid="source-form-fix">
              {t('admin.form.fixErrors')}
            </Alert>
          )}
          {serverError && (
            <Alert severity="error" data-testid="source-form-server-error">
              <AlertTitle>{t('admin.form.serverError')}</AlertTitle>
              {serverError}
            </Alert>
          )}
          {dryRun && (
            <DryRunResult result={dryRun} annotation={type?.annotation} />
          )}
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy !== undefined}>
          {readOnly ? t('admin.form.close') : t('admin.form.cancel')}
        </Button>
        {!readOnly && (
          <>
            <Button
              onClick={test}
              disabled={busy !== undefined || !type}
              data-testid="source-test"
            >
              {busy === 'testing'
                ? t('admin.form.testing')
                : t('admin.form.test')}
            </Button>
            <Button
              variant="contained"
              onClick={save}
              disabled={busy !== undefined || !type}
              data-testid="source-save"
            >
              {busy === 'saving'
                ? t('admin.form.saving')
                : t('admin.form.save')}
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}
