import { serviceNowConfigSchema } from './config';

const auth = { type: 'basic', username: 'kpi', credential: 'pw' };
const issues = (input: unknown) => {
  const result = serviceNowConfigSchema.safeParse(input);
  return result.success
    ? []
    : result.error.issues.map(i => `${i.path.join('.')}: ${i.message}`);
};

describe('serviceNowConfigSchema', () => {
  it('has defaults for everything but where, and how to sign in', () => {
    expect(serviceNowConfigSchema.parse({ instance: 'acme', auth })).toEqual({
      instance: 'acme',
      auth,
      table: 'incident',
      resolvedStates: ['6', '7'],
      openedAtField: 'opened_at',
      resolvedAtField: 'resolved_at',
      businessDuration: true,
      surveyMetrics: [],
      initialLookbackDays: 90,
      pageSize: 500,
      settleSeconds: 60,
      retries: 4,
      minRetryDelayMs: 1000,
    });
  });

  it('takes an instance name or a base URL, not both and not neither', () => {
    expect(issues({ auth })).toEqual([
      'instance: give exactly one of instance and baseUrl',
    ]);
    expect(
      issues({ instance: 'acme', baseUrl: 'https://sn.example', auth }),
    ).toEqual(['instance: give exactly one of instance and baseUrl']);
  });

  it('names the field that is wrong', () => {
    expect(
      issues({ instance: 'acme', auth: { ...auth, type: 'token' } }),
    ).toEqual([expect.stringMatching(/^auth\.type: /)]);
    expect(issues({ instance: 'acme', auth, table: 'incident; drop' })).toEqual(
      ['table: must be a ServiceNow table name such as "incident"'],
    );
    expect(
      issues({ instance: 'acme', auth, filter: 'active=true^NQactive=false' }),
    ).toEqual(['filter: filter must not contain ^NQ or ORDERBY']);
  });

  it('checks that a survey metric has the scale of its KPI', () => {
    expect(
      issues({
        instance: 'acme',
        auth,
        surveyMetrics: [
          { metric: 'Recommend', kpi: 'recommend', min: 1, max: 10 },
          { metric: 'Effort', kpi: 'customer-effort', min: 1, max: 7 },
          { metric: 'Happy', kpi: 'satisfaction', inverted: true },
        ],
      }),
    ).toEqual([
      'surveyMetrics.0.max: recommend needs 11 answer values from min to max, got 10 (min 1, max 10)',
      'surveyMetrics.2.inverted: inverted applies to customer-effort only',
    ]);
  });
});
