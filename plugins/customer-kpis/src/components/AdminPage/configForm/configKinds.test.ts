// The kinds of the new source types' configs (unions, lists of texts and of objects, maps, string-or-number ids),
// read from their real JSON Schemas (generated from the modules' zod schemas, see __fixtures__).
import { KPI_IDS } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { sourceConfigSchemas } from './__fixtures__/sourceSchemas';
import {
  FormValues,
  buildConfig,
  initialUnion,
  initialValues,
  issueKeys,
  serverIssue,
  validateValues,
} from './formValues';
import {
  SchemaField,
  discriminatorLabel,
  fieldLabel,
  humaniseKey,
  isCredentialName,
  schemaFields,
} from './schemaFields';

const serviceNow = schemaFields(sourceConfigSchemas.servicenow);
const typeform = schemaFields(sourceConfigSchemas.typeform);
const posthog = schemaFields(sourceConfigSchemas.posthog);
const sql = schemaFields(sourceConfigSchemas.sql);
const amplitude = schemaFields(sourceConfigSchemas.amplitude);

function field(fields: SchemaField[], name: string): SchemaField {
  const found = fields.find(f => f.name === name);
  if (!found) throw new Error(`no field ${name}`);
  return found;
}

/** A round trip: the form values of a stored config give the config back. */
function roundTrip(fields: SchemaField[], stored: Record<string, unknown>) {
  return buildConfig(fields, initialValues(fields, stored));
}

/** Every field of a form, through groups, list items and every variant of a union. */
function allFields(fields: SchemaField[]): SchemaField[] {
  return fields.flatMap(f => [
    f,
    ...allFields(f.fields ?? []),
    ...(f.variants ?? []).flatMap(v => allFields(v.fields)),
  ]);
}

describe('the labels of config fields', () => {
  it('labels a field by its schema title and helps with its description', () => {
    const retries = field(posthog, 'minRetryDelayMs');
    expect(fieldLabel(retries)).toBe('First retry delay (ms)');
    expect(retries.description).toMatch(/^Backoff before the first retry/);
    const start = field(
      field(posthog, 'timeToValue').fields ?? [],
      'startEvent',
    );
    expect(fieldLabel(start)).toBe('Start event');
    expect(discriminatorLabel(field(serviceNow, 'auth'))).toBe('Method');
  });

  it('falls back to the key in words for a schema without a title', () => {
    expect(fieldLabel({ name: 'answersPerDay' })).toBe('Answers per day');
    expect(fieldLabel({ name: 'minRetryDelayMs' })).toBe('Min retry delay ms');
    expect(fieldLabel({ name: 'time-to-value' })).toBe('Time to value');
    expect(fieldLabel({ name: 'sla_field' })).toBe('Sla field');
    expect(humaniseKey('baseURL')).toBe('Base URL');
    expect(humaniseKey('KPIWeights')).toBe('KPI weights');
    expect(discriminatorLabel({ discriminator: 'type' })).toBe('Type');
    expect(
      fieldLabel(
        schemaFields({ properties: { pageSize: { title: '  ' } } })[0],
      ),
    ).toBe('Page size');
  });

  it('has a title for every field of every built-in source type, but the keys of a map keyed by KPI', () => {
    const untitled = Object.entries(sourceConfigSchemas).flatMap(
      ([type, schema]) =>
        allFields(schemaFields(schema))
          .filter(f => f.title === undefined)
          .map(f => `${type}: ${f.path.join('.')}`),
    );
    expect(untitled).toEqual(KPI_IDS.map(kpi => `sql: queries.${kpi}`));
    expect(Object.keys(sourceConfigSchemas)).toHaveLength(11);
  });
});

describe('schemaFields of the new source types', () => {
  it('reads a discriminated union as a choice of variants, each with its fields and without the discriminator', () => {
    const auth = field(serviceNow, 'auth');
    expect(auth).toMatchObject({
      kind: 'union',
      required: true,
      discriminator: 'type',
      discriminatorTitle: 'Method',
    });
    expect(
      auth.variants?.map(v => [
        v.value,
        v.label,
        v.fields.map(f => [f.name, f.kind, f.required]),
      ]),
    ).toEqual([
      [
        'basic',
        'Basic authentication (basic)',
        [
          ['username', 'string', true],
          ['credential', 'credential', true],
        ],
      ],
      [
        'oauth',
        'OAuth 2.0 (oauth)',
        [
          ['clientId', 'string', true],
          ['credential', 'credential', true],
        ],
      ],
    ]);
  });

  it('reads lists of texts with their item rules, and lists of objects with the item’s fields', () => {
    expect(field(serviceNow, 'resolvedStates')).toMatchObject({
      kind: 'string-list',
      minItems: 1,
      default: ['6', '7'],
      item: { kind: 'string', minLength: 1 },
    });
    expect(field(typeform, 'forms')).toMatchObject({
      kind: 'string-list',
      maxItems: 200,
      item: { pattern: '^[A-Za-z0-9_-]{1,64}$' },
    });
    const questions = field(typeform, 'questions');
    expect(questions).toMatchObject({
      kind: 'object-list',
      required: true,
      minItems: 1,
      maxItems: 100,
    });
    expect(
      questions.fields?.map(f => [f.name, f.kind, f.path, f.required]),
    ).toEqual([
      ['question', 'string', ['question'], true],
      ['kpi', 'enum', ['kpi'], true],
      ['survey', 'string', ['survey'], false],
      ['scale', 'enum', ['scale'], false],
      ['inverted', 'boolean', ['inverted'], false],
      ['scores', 'json', ['scores'], false],
    ]);
    // a union of number constants is a select whose values stay numbers
    expect(field(questions.fields!, 'scale')).toMatchObject({
      options: ['5', '7'],
      optionValues: [5, 7],
    });
  });

  it('reads a map keyed by a fixed set as optional multi-line fields, any other map as JSON', () => {
    const queries = field(sql, 'queries');
    expect(queries.kind).toBe('object');
    expect(queries.fields?.map(f => [f.name, f.kind, f.multiline])).toEqual([
      ['adoption', 'string', true],
      ['time-to-value', 'string', true],
      ['time-to-resolve', 'string', true],
      ['customer-effort', 'string', true],
      ['satisfaction', 'string', true],
      ['retention', 'string', true],
      ['recommend', 'string', true],
    ]);
    expect(
      field(field(serviceNow, 'surveyMetrics').fields!, 'values'),
    ).toMatchObject({ kind: 'json', jsonType: 'object' });
  });

  it('reads a number-or-string id as one text input', () => {
    expect(field(posthog, 'projectId')).toMatchObject({
      kind: 'scalar',
      required: true,
    });
    expect(
      field(posthog, 'projectId').branches?.map(b => [b.kind, b.pattern]),
    ).toEqual([
      ['integer', undefined],
      ['string', '^\\d+$'],
    ]);
  });

  it('offers the credential picker for every field that names a credential', () => {
    expect(
      amplitude.filter(f => f.kind === 'credential').map(f => f.name),
    ).toEqual(['apiKeyCredential', 'secretKeyCredential']);
    expect(
      typeform.filter(f => f.kind === 'credential').map(f => f.name),
    ).toEqual(['credential', 'webhookCredential']);
    expect(
      ['credential', 'clientSecretCredential', 'Credential', 'credentials'].map(
        isCredentialName,
      ),
    ).toEqual([true, true, false, false]);
  });
});

describe('form values of the new kinds: config → form values → config', () => {
  it('a union: the stored variant and its fields', () => {
    const stored = {
      instance: 'acme',
      auth: {
        type: 'oauth',
        clientId: 'kpi-client',
        credential: 'servicenow-oauth',
      },
      businessDuration: false,
    };
    const values = initialValues(serviceNow, stored);
    expect(values.auth).toEqual({
      variant: 'oauth',
      values: { clientId: 'kpi-client', credential: 'servicenow-oauth' },
    });
    expect(buildConfig(serviceNow, values)).toEqual(stored);
  });

  it('a union: another variant keeps nothing of the previous one', () => {
    const auth = field(serviceNow, 'auth');
    const values: FormValues = {
      ...initialValues(serviceNow, {
        auth: { type: 'basic', username: 'kpi', credential: 'sn-password' },
      }),
      auth: initialUnion(auth, { type: 'oauth' }),
    };
    expect(buildConfig(serviceNow, values).auth).toEqual({ type: 'oauth' });
    expect(validateValues(serviceNow, values)).toEqual({
      'auth.clientId': { code: 'required' },
      'auth.credential': { code: 'required' },
    });
  });

  it('a required union starts at its first variant; an optional one at none', () => {
    expect(initialValues(serviceNow).auth).toEqual({
      variant: 'basic',
      values: { username: '', credential: '' },
    });
    const optional = { ...field(serviceNow, 'auth'), required: false };
    expect(initialUnion(optional)).toEqual({ variant: '', values: {} });
    expect(buildConfig([optional], { auth: initialUnion(optional) })).toEqual(
      {},
    );
  });

  it('a list of texts: one per line, blank lines dropped, each line checked', () => {
    const stored = {
      auth: { type: 'basic', username: 'kpi', credential: 'sn' },
      resolvedStates: ['6', '7', '8'],
      businessDuration: true,
    };
    const values = initialValues(serviceNow, stored);
    expect(values.resolvedStates).toBe('6\n7\n8');
    expect(buildConfig(serviceNow, values)).toEqual(stored);
    expect(
      buildConfig(serviceNow, { ...values, resolvedStates: ' 6 \n\n 7\n' })
        .resolvedStates,
    ).toEqual(['6', '7']);

    const forms = initialValues(typeform, {
      credential: 'typeform',
      forms: ['u6nXL7', 'bad id!'],
    });
    expect(validateValues(typeform, forms).forms).toEqual({
      code: 'pattern',
      limit: '^[A-Za-z0-9_-]{1,64}$',
      line: 2,
    });
    const tooMany = Array.from({ length: 201 }, (_, i) => `f${i}`).join('\n');
    expect(
      validateValues(typeform, { ...forms, forms: tooMany }).forms,
    ).toEqual({ code: 'maxEntries', limit: '200' });
  });

  it('a list of objects: each item’s fields, numbers and maps as the schema wants them', () => {
    const stored = {
      credential: 'typeform-token',
      questions: [
        { question: 'nps_ref', kpi: 'recommend' },
        {
          question: 'ces_ref',
          kpi: 'customer-effort',
          survey: 'u6nXL7',
          scale: 7,
          inverted: true,
          scores: { 'Very easy': 7, 'Very hard': 1 },
        },
      ],
    };
    const values = initialValues(typeform, stored);
    expect((values.questions as FormValues[])[1]).toMatchObject({
      scale: '7',
      inverted: true,
      scores: '{\n  "Very easy": 7,\n  "Very hard": 1\n}',
    });
    expect(buildConfig(typeform, values)).toEqual(stored);
    expect(validateValues(typeform, values)).toEqual({});
  });

  it('a list of objects: required, its length, and each item checked under its index', () => {
    const empty = initialValues(typeform, { credential: 'typeform' });
    expect(validateValues(typeform, empty)).toEqual({
      questions: { code: 'required' },
    });
    const values = initialValues(typeform, {
      credential: 'typeform',
      questions: [{ question: 'q1', kpi: 'recommend' }, { question: 'q2' }],
    });
    (values.questions as FormValues[])[0].scores = '{"0": 1,';
    expect(validateValues(typeform, values)).toEqual({
      'questions.0.scores': {
        code: 'json',
        limit: expect.stringMatching(/JSON/),
      },
      'questions.1.kpi': { code: 'required' },
    });
  });

  it('a record: JSON kept as written, an object required where the schema says one', () => {
    const metrics = field(serviceNow, 'surveyMetrics');
    const stored = {
      auth: { type: 'basic', username: 'kpi', credential: 'sn' },
      businessDuration: true,
      surveyMetrics: [
        {
          metric: 'How satisfied are you?',
          kpi: 'satisfaction',
          min: 1,
          max: 5,
          inverted: false,
          values: { 'Very satisfied': 5, Satisfied: 4 },
        },
      ],
    };
    expect(roundTrip(serviceNow, stored)).toEqual(stored);
    const item = initialValues(metrics.fields!, {
      metric: 'm',
      kpi: 'satisfaction',
    });
    expect(
      validateValues(metrics.fields!, { ...item, values: '[1, 2]' }),
    ).toEqual({ values: { code: 'jsonObject' } });
  });

  it('a map keyed by KPI: one optional text per KPI, multi-line queries kept', () => {
    const stored = {
      client: 'pg',
      connection: {
        host: 'warehouse',
        database: 'analytics',
        user: 'kpi_reader',
        credential: 'warehouse',
        ssl: true,
      },
      queries: {
        adoption: 'SELECT entity_key, day AS date, dau\nFROM adoption_daily',
        recommend: 'SELECT id, entity_key, score FROM nps',
      },
    };
    expect(roundTrip(sql, stored)).toEqual(stored);
    // an optional object nobody filled in is left out, with its checkbox at the default
    expect(
      roundTrip(sql, { client: 'better-sqlite3', filename: '/data/kpi.db' }),
    ).toEqual({ client: 'better-sqlite3', filename: '/data/kpi.db' });
  });

  it('a number-or-string id: a number when the number branch takes it, else the string branch’s rule', () => {
    const base = initialValues(posthog, { credential: 'posthog' });
    expect(buildConfig(posthog, { ...base, projectId: '4242' }).projectId).toBe(
      4242,
    );
    expect(validateValues(posthog, { ...base, projectId: 'abc' })).toEqual({
      projectId: { code: 'pattern', limit: '^\\d+$' },
    });
    // "0" is no positive integer, but it meets the string branch, as the server's schema says
    expect(buildConfig(posthog, { ...base, projectId: '0' }).projectId).toBe(
      '0',
    );
    expect(validateValues(posthog, { ...base, projectId: '-1' })).toEqual({
      projectId: { code: 'exclusiveMinimum', limit: '0' },
    });
    expect(
      roundTrip(posthog, { projectId: 17, credential: 'posthog' }),
    ).toEqual({ projectId: 17, credential: 'posthog' });
  });

  it('an optional checkbox without a default says nothing until ticked', () => {
    const questions = field(typeform, 'questions');
    const item = initialValues(questions.fields!, {
      question: 'q',
      kpi: 'recommend',
    });
    expect(item.inverted).toBe(false);
    expect(buildConfig(questions.fields!, item)).toEqual({
      question: 'q',
      kpi: 'recommend',
    });
  });
});

describe('serverIssue', () => {
  const values = initialValues(typeform, {
    credential: 'typeform',
    questions: [{ question: 'q1', kpi: 'recommend' }, { question: 'q2' }],
  });
  const keys = issueKeys(typeform, values);

  it('lists the keys the form shows messages at, items and union selects included', () => {
    expect(keys).toContain('questions');
    expect(keys).toContain('questions.1.kpi');
    expect(issueKeys(serviceNow, initialValues(serviceNow))).toEqual(
      expect.arrayContaining(['auth.type', 'auth.username', 'auth.credential']),
    );
  });

  it('puts the server’s message at the field it names, or at the JSON field holding it', () => {
    expect(
      serverIssue(
        'Invalid source: config.questions.1.scale: scale is required for customer-effort: 5 or 7',
        keys,
      ),
    ).toEqual({
      key: 'questions.1.scale',
      issue: {
        code: 'server',
        limit: 'scale is required for customer-effort: 5 or 7',
      },
    });
    expect(
      serverIssue(
        'Invalid source: config.questions.0.scores.x: scores.x must be an integer from 0 to 10 for recommend',
        keys,
      ),
    ).toEqual({
      key: 'questions.0.scores',
      issue: {
        code: 'server',
        limit: 'scores.x must be an integer from 0 to 10 for recommend',
      },
    });
    expect(
      serverIssue(
        "Invalid source: config.baseUrl and config.credential: credential 'typeform' may not be sent to https://x/",
        keys,
      )?.key,
    ).toBe('baseUrl');
    expect(serverIssue('Source exists already', keys)).toBeUndefined();
    expect(serverIssue(undefined, keys)).toBeUndefined();
  });
});
