// One field that holds a value, rendered from its JSON Schema: a checkbox, checkboxes of an enum list, a select of
// an enum or of the server's credential names, a text area (a list of texts, one per line, or JSON), or a text input.
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import TextField from '@mui/material/TextField';
import {
  CredentialSummary,
  isKpiId,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { KpiFormat, useKpiFormat } from '../../../hooks/useKpiFormat';
import { FieldIssue, FormValue } from './formValues';
import { SchemaField, fieldLabel, isStatedLimit } from './schemaFields';

/** The message of a broken rule. */
export function issueText(issue: FieldIssue, t: KpiFormat['t']): string {
  const message =
    issue.code === 'server'
      ? issue.limit ?? ''
      : t(`admin.validation.${issue.code}`, { limit: issue.limit ?? '' });
  return issue.line === undefined
    ? message
    : t('admin.validation.line', { line: String(issue.line), message });
}

function defaultText(field: SchemaField): string | undefined {
  if (field.default === undefined) return undefined;
  if (typeof field.default === 'object') {
    const json = JSON.stringify(field.default);
    return json === '{}' || json === '[]' ? undefined : json;
  }
  return String(field.default);
}

function helper(
  field: SchemaField,
  issue: FieldIssue | undefined,
  t: KpiFormat['t'],
  extra?: string,
): string | undefined {
  if (issue) return issueText(issue, t);
  const shownDefault = defaultText(field);
  const parts = [
    field.description,
    extra,
    shownDefault !== undefined
      ? t('admin.form.default', { value: shownDefault })
      : undefined,
  ];
  const text = parts.filter(Boolean).join(' ');
  return text || undefined;
}

function inputType(field: SchemaField): string {
  if (field.kind === 'number' || field.kind === 'integer') return 'number';
  return field.kind === 'string' && field.format === 'uri' ? 'url' : 'text';
}

/** What every field of a form shares. */
export interface FormContext {
  issues: Record<string, FieldIssue>;
  credentials: CredentialSummary[];
  disabled?: boolean;
  /** A source defined in app-config: everything shown, nothing changed. */
  readOnly?: boolean;
}

/** JSON and queries: code, in a monospace font. */
const monospace = { '& textarea': { fontFamily: 'monospace' } } as const;

/** The input of a field that holds a value; `fieldKey` is its key from the config root. */
export function ValueField(props: {
  field: SchemaField;
  fieldKey: string;
  value: FormValue | undefined;
  onChange: (next: FormValue) => void;
  context: FormContext;
}) {
  const { field, fieldKey: key, value, onChange: change, context } = props;
  const { issues, credentials, disabled, readOnly } = context;
  const { t, kpiTitle } = useKpiFormat();
  const id = `source-config-${key}`;
  // an untitled entry of a map keyed by KPI (one query per KPI) is named as the KPI, in the reader's language
  const label =
    field.title === undefined && isKpiId(field.name)
      ? kpiTitle(field.name)
      : fieldLabel(field);
  const issue = issues[key];

  switch (field.kind) {
    case 'boolean':
      return (
        <FormControl data-testid={`config-field-${key}`}>
          <FormControlLabel
            control={
              <Checkbox
                id={id}
                checked={value === true}
                disabled={disabled || readOnly}
                onChange={event => change(event.target.checked)}
              />
            }
            label={label}
          />
          {helper(field, undefined, t) && (
            <FormHelperText sx={{ mt: -0.5 }}>
              {helper(field, undefined, t)}
            </FormHelperText>
          )}
        </FormControl>
      );
    case 'enum-list': {
      const chosen = Array.isArray(value) ? (value as string[]) : [];
      return (
        <FormControl
          component="fieldset"
          error={Boolean(issue)}
          required={field.required}
          data-testid={`config-field-${key}`}
        >
          <FormLabel component="legend">{label}</FormLabel>
          <FormGroup row>
            {(field.options ?? []).map(option => (
              <FormControlLabel
                key={option}
                label={option}
                control={
                  <Checkbox
                    size="small"
                    checked={chosen.includes(option)}
                    disabled={disabled || readOnly}
                    onChange={event =>
                      change(
                        event.target.checked
                          ? [...chosen, option]
                          : chosen.filter(v => v !== option),
                      )
                    }
                  />
                }
              />
            ))}
          </FormGroup>
          <FormHelperText>{helper(field, issue, t)}</FormHelperText>
        </FormControl>
      );
    }
    case 'enum':
    case 'credential': {
      const options =
        field.kind === 'enum'
          ? field.options ?? []
          : credentials.map(c => c.name);
      // A credential is shown with the URLs it may be sent to: a source whose URL is not under one is refused.
      const allowedUrls = new Map(
        credentials.map(c => [c.name, c.allowedUrls.join(', ')]),
      );
      const noCredentials =
        field.kind === 'credential' && credentials.length === 0;
      return (
        <TextField
          select
          id={id}
          label={label}
          required={field.required}
          value={typeof value === 'string' ? value : ''}
          disabled={disabled || readOnly || noCredentials}
          error={Boolean(issue)}
          helperText={helper(
            field,
            issue,
            t,
            field.kind === 'credential'
              ? t(
                  noCredentials
                    ? 'admin.form.noCredentials'
                    : 'admin.form.credentialHelp',
                )
              : undefined,
          )}
          onChange={event => change(event.target.value)}
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
          inputProps={{ 'data-testid': `config-field-${key}` }}
          fullWidth
        >
          <option value="">{field.required ? '' : t('admin.form.none')}</option>
          {/* a stored value the server no longer offers stays visible, so that saving does not drop it silently */}
          {typeof value === 'string' && value && !options.includes(value) && (
            <option value={value}>{value}</option>
          )}
          {options.map(option => (
            <option key={option} value={option}>
              {field.kind === 'credential' && allowedUrls.get(option)
                ? `${option} (${allowedUrls.get(option)})`
                : option}
            </option>
          ))}
        </TextField>
      );
    }
    case 'string-list':
    case 'json': {
      const json = field.kind === 'json';
      const defaultLines = Array.isArray(field.default)
        ? field.default.map(String).join('\n')
        : undefined;
      return (
        <TextField
          id={id}
          label={label}
          required={field.required}
          value={typeof value === 'string' ? value : ''}
          disabled={disabled}
          error={Boolean(issue)}
          helperText={helper(
            field,
            issue,
            t,
            t(json ? 'admin.form.jsonHelp' : 'admin.form.listHelp'),
          )}
          placeholder={json ? defaultText(field) : defaultLines}
          onChange={event => change(event.target.value)}
          multiline
          minRows={json ? 3 : 2}
          sx={json ? monospace : undefined}
          InputLabelProps={{ shrink: true }}
          InputProps={{ readOnly }}
          inputProps={{
            'data-testid': `config-field-${key}`,
            spellCheck: false,
          }}
          fullWidth
        />
      );
    }
    default: {
      // string, number, integer, scalar
      const numeric = field.kind === 'number' || field.kind === 'integer';
      const text = typeof value === 'string' ? value : '';
      return (
        <TextField
          id={id}
          label={label}
          required={field.required}
          value={text}
          disabled={disabled}
          error={Boolean(issue)}
          helperText={helper(field, issue, t)}
          placeholder={defaultText(field)}
          onChange={event => change(event.target.value)}
          type={field.multiline ? undefined : inputType(field)}
          multiline={field.multiline || (readOnly && text.includes('\n'))}
          minRows={field.multiline ? 2 : undefined}
          sx={field.multiline ? monospace : undefined}
          InputLabelProps={{ shrink: true }}
          InputProps={{ readOnly }}
          inputProps={{
            'data-testid': `config-field-${key}`,
            ...(field.multiline ? { spellCheck: false } : {}),
            ...(numeric
              ? {
                  min: isStatedLimit(field.minimum) ? field.minimum : undefined,
                  max: isStatedLimit(field.maximum) ? field.maximum : undefined,
                  step: field.kind === 'integer' ? 1 : 'any',
                }
              : {}),
          }}
          fullWidth
        />
      );
    }
  }
}
