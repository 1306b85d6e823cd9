// The fields of a source type's config, rendered from its JSON Schema: text, numbers, checkboxes, enums, nested
// objects, and the credential as a choice among the names configured on the server.
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { CredentialSummary } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { KpiFormat, useKpiFormat } from '../../../hooks/useKpiFormat';
import { FieldIssue, FormValue, FormValues } from './formValues';
import { SchemaField, fieldKey, isStatedLimit } from './schemaFields';

/** The message of a broken rule. */
export function issueText(issue: FieldIssue, t: KpiFormat['t']): string {
  return t(`admin.validation.${issue.code}`, { limit: issue.limit ?? '' });
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
  if (field.kind !== 'string') return 'number';
  return field.format === 'uri' ? 'url' : 'text';
}

interface FieldProps {
  field: SchemaField;
  values: FormValues;
  issues: Record<string, FieldIssue>;
  credentials: CredentialSummary[];
  disabled?: boolean;
  onChange: (key: string, value: FormValue) => void;
}

function ConfigField(props: FieldProps) {
  const { field, values, issues, credentials, disabled, onChange } = props;
  const { t } = useKpiFormat();
  const key = fieldKey(field);
  const id = `source-config-${key}`;
  const issue = issues[key];
  const value = values[key];

  switch (field.kind) {
    case 'object':
      return (
        <Box
          component="fieldset"
          data-testid={`config-group-${key}`}
          sx={{
            border: 1,
            borderColor: 'divider',
            borderRadius: 1,
            px: 2,
            pb: 1,
            display: 'flex',
            flexDirection: 'column',
            gap: 2,
          }}
        >
          <Typography component="legend" variant="subtitle2" sx={{ px: 0.5 }}>
            {field.name}
            {field.required ? ' *' : ''}
          </Typography>
          {field.description && (
            <Typography variant="caption" color="text.secondary">
              {field.description}
            </Typography>
          )}
          {(field.fields ?? []).map(child => (
            <ConfigField key={fieldKey(child)} {...props} field={child} />
          ))}
        </Box>
      );
    case 'boolean':
      return (
        <FormControl data-testid={`config-field-${key}`}>
          <FormControlLabel
            control={
              <Checkbox
                id={id}
                checked={value === true}
                disabled={disabled}
                onChange={event => onChange(key, event.target.checked)}
              />
            }
            label={field.name}
          />
          {helper(field, undefined, t) && (
            <FormHelperText sx={{ mt: -0.5 }}>
              {helper(field, undefined, t)}
            </FormHelperText>
          )}
        </FormControl>
      );
    case 'enum-list': {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <FormControl
          component="fieldset"
          error={Boolean(issue)}
          required={field.required}
          data-testid={`config-field-${key}`}
        >
          <FormLabel component="legend">{field.name}</FormLabel>
          <FormGroup row>
            {(field.options ?? []).map(option => (
              <FormControlLabel
                key={option}
                label={option}
                control={
                  <Checkbox
                    size="small"
                    checked={chosen.includes(option)}
                    disabled={disabled}
                    onChange={event =>
                      onChange(
                        key,
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
          label={field.name}
          required={field.required}
          value={typeof value === 'string' ? value : ''}
          disabled={disabled || noCredentials}
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
          onChange={event => onChange(key, event.target.value)}
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
    case 'number':
    case 'integer':
    case 'string': {
      const numeric = field.kind !== 'string';
      return (
        <TextField
          id={id}
          label={field.name}
          required={field.required}
          value={typeof value === 'string' ? value : ''}
          disabled={disabled}
          error={Boolean(issue)}
          helperText={helper(field, issue, t)}
          placeholder={defaultText(field)}
          onChange={event => onChange(key, event.target.value)}
          type={inputType(field)}
          InputLabelProps={{ shrink: true }}
          inputProps={{
            'data-testid': `config-field-${key}`,
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
    default:
      return (
        <Typography
          variant="body2"
          color="text.secondary"
          data-testid={`config-field-${key}`}
        >
          {t('admin.form.unsupported', { field: key })}
        </Typography>
      );
  }
}

/** The config fields of a source type. */
export function ConfigForm(props: {
  fields: SchemaField[];
  values: FormValues;
  issues: Record<string, FieldIssue>;
  credentials: CredentialSummary[];
  disabled?: boolean;
  onChange: (key: string, value: FormValue) => void;
}) {
  return (
    <Box
      sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}
      data-testid="source-config-form"
    >
      {props.fields.map(field => (
        <ConfigField key={fieldKey(field)} {...props} field={field} />
      ))}
    </Box>
  );
}
