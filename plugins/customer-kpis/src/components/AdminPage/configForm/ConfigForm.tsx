// The fields of a source type's config, rendered from its JSON Schema: text, numbers, checkboxes, enums, nested
// objects, credentials as a choice among the names configured on the server, unions as a choice of the variant,
// lists of texts (one per line) and of objects (add, remove, reorder), and JSON for the rest.
import { ReactNode, useRef } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import IconButton from '@mui/material/IconButton';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import DeleteIcon from '@mui/icons-material/Delete';
import { CredentialSummary } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { KpiFormat, useKpiFormat } from '../../../hooks/useKpiFormat';
import {
  FieldIssue,
  FormValue,
  FormValues,
  UnionValue,
  initialItem,
  initialUnion,
} from './formValues';
import { SchemaField, fieldKey, isStatedLimit, joinKey } from './schemaFields';

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
interface FormContext {
  issues: Record<string, FieldIssue>;
  credentials: CredentialSummary[];
  disabled?: boolean;
  /** A source defined in app-config: everything shown, nothing changed. */
  readOnly?: boolean;
}

/** The fields of one scope (the config, a list item, a union's variant) and where their values live. */
interface ScopeProps {
  fields: SchemaField[];
  values: FormValues;
  /** The scope's key from the config root, e.g. `questions.0`. */
  prefix: string;
  onChange: (key: string, value: FormValue) => void;
  context: FormContext;
}

function ScopeFields(props: ScopeProps) {
  return (
    <>
      {props.fields.map(field => (
        <ConfigField key={fieldKey(field)} {...props} field={field} />
      ))}
    </>
  );
}

/** JSON and queries: code, in a monospace font. */
const monospace = { '& textarea': { fontFamily: 'monospace' } } as const;

const groupSx = {
  border: 1,
  borderColor: 'divider',
  borderRadius: 1,
  px: 2,
  pb: 1,
  m: 0,
  display: 'flex',
  flexDirection: 'column',
  gap: 2,
} as const;

function Group(props: {
  testId: string;
  legend: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <Box component="fieldset" data-testid={props.testId} sx={groupSx}>
      <Typography component="legend" variant="subtitle2" sx={{ px: 0.5 }}>
        {props.legend}
      </Typography>
      {props.description && (
        <Typography variant="caption" color="text.secondary">
          {props.description}
        </Typography>
      )}
      {props.children}
    </Box>
  );
}

function UnionField(props: ScopeProps & { field: SchemaField }) {
  const { field, values, prefix, onChange, context } = props;
  const { t } = useKpiFormat();
  const key = joinKey(prefix, fieldKey(field));
  const selectKey = joinKey(key, field.discriminator ?? '');
  const value = (values[fieldKey(field)] as UnionValue | undefined) ?? {
    variant: '',
    values: {},
  };
  const variant = field.variants?.find(v => v.value === value.variant);
  const issue = context.issues[selectKey];
  const select = (
    <TextField
      select
      id={`source-config-${selectKey}`}
      label={field.discriminator}
      required={field.required}
      value={value.variant}
      disabled={context.disabled || context.readOnly}
      error={Boolean(issue)}
      helperText={issue ? issueText(issue, t) : undefined}
      // another variant starts empty: nothing of the previous variant's values is kept
      onChange={event =>
        onChange(
          fieldKey(field),
          initialUnion(
            field,
            event.target.value
              ? { [field.discriminator ?? '']: event.target.value }
              : undefined,
          ),
        )
      }
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      inputProps={{ 'data-testid': `config-field-${selectKey}` }}
      fullWidth
    >
      {!field.required && <option value="">{t('admin.form.none')}</option>}
      {field.variants?.map(option => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </TextField>
  );
  const variantFields = variant && (
    <ScopeFields
      fields={variant.fields}
      values={value.values}
      prefix={key}
      context={context}
      onChange={(childKey, childValue) =>
        onChange(fieldKey(field), {
          ...value,
          values: { ...value.values, [childKey]: childValue },
        })
      }
    />
  );
  // a union that is a list item has the item's group around it already
  if (field.path.length === 0)
    return (
      <>
        {select}
        {variantFields}
      </>
    );
  return (
    <Group
      testId={`config-group-${key}`}
      legend={`${field.name}${field.required ? ' *' : ''}`}
      description={field.description}
    >
      {select}
      {variantFields}
    </Group>
  );
}

function ObjectListField(props: ScopeProps & { field: SchemaField }) {
  const { field, values, prefix, onChange, context } = props;
  const { t } = useKpiFormat();
  const key = joinKey(prefix, fieldKey(field));
  const items = (values[fieldKey(field)] as FormValues[] | undefined) ?? [];
  // stable React keys, so that an item keeps its inputs (and focus) when another moves or goes
  const ids = useRef<number[]>([]);
  const next = useRef(0);
  if (ids.current.length !== items.length)
    ids.current = items.map(() => next.current++);
  const addButton = useRef<HTMLButtonElement>(null);
  const issue = context.issues[key];
  const editable = !context.readOnly;

  const change = (nextItems: FormValues[], nextIds: number[]) => {
    ids.current = nextIds;
    onChange(fieldKey(field), nextItems);
  };
  const move = (from: number, to: number) => {
    const nextItems = [...items];
    const nextIds = [...ids.current];
    [nextItems[from], nextItems[to]] = [nextItems[to], nextItems[from]];
    [nextIds[from], nextIds[to]] = [nextIds[to], nextIds[from]];
    change(nextItems, nextIds);
  };
  const remove = (index: number) => {
    change(
      items.filter((_, i) => i !== index),
      ids.current.filter((_, i) => i !== index),
    );
    addButton.current?.focus();
  };

  return (
    <Group
      testId={`config-list-${key}`}
      legend={`${field.name}${field.required ? ' *' : ''}`}
      description={field.description}
    >
      {items.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {t('admin.form.noItems')}
        </Typography>
      )}
      {items.map((item, index) => {
        const itemKey = joinKey(key, `${index}`);
        const names = { field: field.name, index: String(index + 1) };
        return (
          <Box
            key={ids.current[index]}
            component="fieldset"
            data-testid={`config-item-${itemKey}`}
            sx={groupSx}
          >
            <Typography component="legend" variant="subtitle2" sx={{ px: 0.5 }}>
              {t('admin.form.itemTitle', names)}
            </Typography>
            <ScopeFields
              fields={field.fields ?? []}
              values={item}
              prefix={itemKey}
              context={context}
              onChange={(childKey, childValue) =>
                onChange(
                  fieldKey(field),
                  items.map((other, i) =>
                    i === index ? { ...other, [childKey]: childValue } : other,
                  ),
                )
              }
            />
            {editable && (
              <Box sx={{ display: 'flex', justifyContent: 'flex-end' }}>
                <IconButton
                  size="small"
                  aria-label={t('admin.form.moveUp', names)}
                  disabled={context.disabled || index === 0}
                  onClick={() => move(index, index - 1)}
                  data-testid={`config-move-up-${itemKey}`}
                >
                  <ArrowUpwardIcon fontSize="small" />
                </IconButton>
                <IconButton
                  size="small"
                  aria-label={t('admin.form.moveDown', names)}
                  disabled={context.disabled || index === items.length - 1}
                  onClick={() => move(index, index + 1)}
                  data-testid={`config-move-down-${itemKey}`}
                >
                  <ArrowDownwardIcon fontSize="small" />
                </IconButton>
                <IconButton
                  size="small"
                  aria-label={t('admin.form.removeItem', names)}
                  disabled={context.disabled}
                  onClick={() => remove(index)}
                  data-testid={`config-remove-${itemKey}`}
                >
                  <DeleteIcon fontSize="small" />
                </IconButton>
              </Box>
            )}
          </Box>
        );
      })}
      {issue && (
        <FormHelperText error data-testid={`config-issue-${key}`}>
          {issueText(issue, t)}
        </FormHelperText>
      )}
      {editable && (
        <Box>
          <Button
            ref={addButton}
            size="small"
            startIcon={<AddIcon />}
            disabled={
              context.disabled ||
              (field.maxItems !== undefined && items.length >= field.maxItems)
            }
            onClick={() =>
              change(
                [...items, initialItem(field)],
                [...ids.current, next.current++],
              )
            }
            data-testid={`config-add-${key}`}
          >
            {t('admin.form.addItem', { field: field.name })}
          </Button>
        </Box>
      )}
    </Group>
  );
}

function ConfigField(props: ScopeProps & { field: SchemaField }) {
  const { field, values, prefix, onChange, context } = props;
  const { issues, credentials, disabled, readOnly } = context;
  const { t } = useKpiFormat();
  const own = fieldKey(field);
  const key = joinKey(prefix, own);
  const id = `source-config-${key}`;
  const issue = issues[key];
  const value = values[own];
  const change = (next: FormValue) => onChange(own, next);

  switch (field.kind) {
    case 'object':
      return (
        <Group
          testId={`config-group-${key}`}
          legend={`${field.name}${field.required ? ' *' : ''}`}
          description={field.description}
        >
          <ScopeFields {...props} fields={field.fields ?? []} />
        </Group>
      );
    case 'union':
      return <UnionField {...props} />;
    case 'object-list':
      return <ObjectListField {...props} />;
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
      const chosen = Array.isArray(value) ? (value as string[]) : [];
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
          label={field.name}
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
          label={field.name}
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
          label={field.name}
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

/** The config fields of a source type. */
export function ConfigForm(props: {
  fields: SchemaField[];
  values: FormValues;
  issues: Record<string, FieldIssue>;
  credentials: CredentialSummary[];
  disabled?: boolean;
  /** Show the config without letting it change (a source defined in app-config). */
  readOnly?: boolean;
  onChange: (key: string, value: FormValue) => void;
}) {
  const { fields, values, onChange, ...context } = props;
  return (
    <Box
      sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}
      data-testid="source-config-form"
    >
      <ScopeFields
        fields={fields}
        values={values}
        prefix=""
        onChange={onChange}
        context={context}
      />
    </Box>
  );
}
