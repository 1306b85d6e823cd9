import { prometheusType, zendeskType } from '../__testUtils__/fixtures';
import { buildConfig, initialValues, validateValues } from './formValues';
import { leafFields, schemaFields } from './schemaFields';

const prometheus = schemaFields(prometheusType.configSchema);
const zendesk = schemaFields(zendeskType.configSchema);

describe('schemaFields', () => {
  it('reads every property with its kind, required flag, default and limits', () => {
    expect(
      prometheus.map(f => [f.name, f.kind, f.required, f.default]),
    ).toEqual([
      ['baseUrl', 'string', true, undefined],
      ['credential', 'credential', false, undefined],
      ['queries', 'object', false, {}],
      ['historyDays', 'integer', false, 30],
      ['minRetryDelayMs', 'integer', false, 1000],
    ]);
    expect(prometheus[3]).toMatchObject({ minimum: 1, maximum: 3650 });
    expect(leafFields(prometheus).map(f => f.path.join('.'))).toEqual([
      'baseUrl',
      'credential',
      'queries.dau',
      'queries.wau',
      'historyDays',
      'minRetryDelayMs',
    ]);
  });

  it('knows enums, enum lists, booleans, numbers, and JSON for a map', () => {
    expect(Object.fromEntries(zendesk.map(f => [f.name, f.kind]))).toEqual({
      subdomain: 'string',
      email: 'string',
      credential: 'credential',
      satisfaction: 'boolean',
      ratingRevisitHours: 'number',
      region: 'enum',
      kpis: 'enum-list',
      headers: 'json',
    });
    expect(zendesk.find(f => f.name === 'region')?.options).toEqual([
      'eu',
      'us',
    ]);
  });
});

describe('validateValues', () => {
  it('asks for required fields and leaves empty optional ones alone', () => {
    expect(validateValues(prometheus, initialValues(prometheus))).toEqual({
      baseUrl: { code: 'required' },
    });
  });

  it('checks urls, integers and limits, but not zod’s implicit MAX_SAFE_INTEGER', () => {
    const values = {
      ...initialValues(prometheus),
      baseUrl: 'prometheus:9090 ',
      historyDays: '4000',
      minRetryDelayMs: '1.5',
    };
    expect(validateValues(prometheus, values)).toEqual({
      baseUrl: { code: 'uri' },
      historyDays: { code: 'maximum', limit: '3650' },
      minRetryDelayMs: { code: 'integer' },
    });
    expect(
      validateValues(prometheus, {
        ...values,
        baseUrl: 'http://localhost:9090',
        historyDays: '0',
        minRetryDelayMs: '9007199254740990',
      }),
    ).toEqual({ historyDays: { code: 'minimum', limit: '1' } });
  });

  it('checks patterns, lengths, enums and the minimum of chosen items', () => {
    const values = {
      ...initialValues(zendesk),
      subdomain: 'Acme!',
      email: 'a@',
      credential: 'zendesk-api',
      ratingRevisitHours: '-1',
      region: 'asia',
    };
    expect(validateValues(zendesk, values)).toEqual({
      subdomain: { code: 'pattern', limit: '^[a-z0-9][a-z0-9-]*$' },
      email: { code: 'minLength', limit: '3' },
      ratingRevisitHours: { code: 'minimum', limit: '0' },
      region: { code: 'enum', limit: 'eu, us' },
    });
  });
});

describe('initialValues and buildConfig', () => {
  it('turns a stored config into form values and back, numbers as numbers', () => {
    const stored = {
      baseUrl: 'http://prometheus:9090',
      credential: 'prometheus-token',
      queries: { dau: 'max(dau{ {{selector}} })' },
      historyDays: 7,
    };
    const values = initialValues(prometheus, stored);
    expect(values).toEqual({
      baseUrl: 'http://prometheus:9090',
      credential: 'prometheus-token',
      'queries.dau': 'max(dau{ {{selector}} })',
      'queries.wau': '',
      historyDays: '7',
      minRetryDelayMs: '',
    });
    expect(buildConfig(prometheus, values)).toEqual(stored);
  });

  it('leaves empty fields out so that the type’s defaults apply', () => {
    expect(
      buildConfig(prometheus, {
        ...initialValues(prometheus),
        baseUrl: 'http://localhost:9090',
      }),
    ).toEqual({ baseUrl: 'http://localhost:9090' });
  });

  it('keeps checkboxes at their default, chosen enum items, and a map shown as JSON', () => {
    const values = initialValues(zendesk, {
      headers: { 'x-env': 'prod' },
      kpis: ['satisfaction'],
    });
    expect(values.satisfaction).toBe(true);
    expect(values.headers).toBe('{\n  "x-env": "prod"\n}');
    expect(
      buildConfig(zendesk, {
        ...values,
        email: 'kpi@acme.example',
        credential: 'zendesk-api',
      }),
    ).toEqual({
      email: 'kpi@acme.example',
      credential: 'zendesk-api',
      satisfaction: true,
      kpis: ['satisfaction'],
      headers: { 'x-env': 'prod' },
    });
  });
});
