// The fields of a source type's config, rendered from its JSON Schema: text, numbers, checkboxes, enums, nested
// objects, credentials as a choice among the names configured on the server, unions as a choice of the variant,
// lists of texts (one per line) and of objects (add, remove, reorder), and JSON for the rest.
import { ReactNode, useRef } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormHelperText from '@mui/material/FormHelperText';
import IconButton from '@mui/material/IconButton';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import DeleteIcon from '@mui/icons-material/Delete';
import { CredentialSummary } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { useKpiFormat } from '../../../hooks/useKpiFormat';
import {
  FieldIssue,
  FormValue,
  FormValues,
  UnionValue,
  initialItem,
  initialUnion,
} from './formValues';
import {
  SchemaField,
  discriminatorLabel,
  fieldKey,
  fieldLabel,
  joinKey,
} from './schemaFields';
import { FormContext, ValueField, issueText } from './ValueField';

export { issueText };

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
      label={discriminatorLabel(field)}
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
      legend={`${fieldLabel(field)}${field.required ? ' *' : ''}`}
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
      legend={`${fieldLabel(field)}${field.required ? ' *' : ''}`}
      description={field.description}
    >
      {items.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {t('admin.form.noItems')}
        </Typography>
      )}
      {items.map((item, index) => {
        const itemKey = joinKey(key, `${index}`);
        const names = { field: fieldLabel(field), index: String(index + 1) };
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
            {t('admin.form.addItem', { field: fieldLabel(field) })}
          </Button>
        </Box>
      )}
    </Group>
  );
}

function ConfigField(props: ScopeProps & { field: SchemaField }) {
  const { field, values, prefix, onChange, context } = props;
  const own = fieldKey(field);
  const key = joinKey(prefix, own);

  switch (field.kind) {
    case 'object':
      return (
        <Group
          testId={`config-group-${key}`}
          legend={`${fieldLabel(field)}${field.required ? ' *' : ''}`}
          description={field.description}
        >
          <ScopeFields {...props} fields={field.fields ?? []} />
        </Group>
      );
    case 'union':
      return <UnionField {...props} />;
    case 'object-list':
      return <ObjectListField {...props} />;
    default:
      return (
        <ValueField
          field={field}
          fieldKey={key}
          value={values[own]}
          onChange={next => onChange(own, next)}
          context={context}
        />
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
