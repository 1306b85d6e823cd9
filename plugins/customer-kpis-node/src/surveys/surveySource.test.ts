import { z } from 'zod';
import { createSourceCredentials } from '../credentials/sourceCredentials';
import { testEntity } from '../testUtils/pullSource';
import { SurveyBindings, isBoundToSurvey, surveyBindingsFor } from './bindings';
import {
  refineSurveySource,
  surveyConfigFields,
  surveyLookbackField,
  surveyWebhookFields,
} from './config';
import {
  firstSecondPosition,
  nextSecondPosition,
  readSecondPosition,
  readSurveyCursor,
} from './cursor';
import { questionsOfSurvey } from './mapResponse';
import { surveyApiToken, surveySourceType } from './surveySourceType';
import {
  SignedDeliveryRules,
  parseWebhookJson,
  verifySignedDelivery,
  webhookCredentialFields,
} from './webhook';
import { hmacSignature } from './webhookSignature';

describe('survey source config', () => {
  const schema = z
    .strictObject({
      credential: z.string(),
      forms: z.array(z.string()).default([]),
      ...surveyConfigFields,
      initialLookbackDays: surveyLookbackField(),
      ...surveyWebhookFields({
        webhookCredential: 'the secret',
        webhookMaxAgeHours: 'how old',
      }),
    })
    .superRefine((config, ctx) =>
      refineSurveySource(config, ctx, { listField: 'forms', noun: 'form' }),
    );
  const issues = (value: Record<string, unknown>) => {
    const result = schema.safeParse({
      credential: 'api',
      questions: [{ question: 'q', kpi: 'recommend' }],
      ...value,
    });
    return result.success
      ? result.data
      : result.error.issues.map(i => `${i.path.join('.')}: ${i.message}`);
  };

  it('has the defaults of every survey source', () => {
    expect(issues({})).toEqual({
      credential: 'api',
      forms: [],
      questions: [{ question: 'q', kpi: 'recommend' }],
      initialLookbackDays: 365,
      webhookMaxAgeHours: 72,
    });
  });

  it('refuses a question mapped twice, hiddenField without listed surveys, and the API credential as webhook secret', () => {
    expect(
      issues({
        questions: [
          { question: 'q', kpi: 'recommend' },
          { question: 'q', kpi: 'satisfaction' },
        ],
        hiddenField: 'product',
        webhookCredential: 'api',
      }),
    ).toEqual([
      'questions.1.question: question q is already mapped by questions[0]; a question feeds one KPI',
      'forms: forms must list the form ids when hiddenField binds responses (entities then name a survey key, not a form)',
      'webhookCredential: webhookCredential must be another credential than credential: the webhook secret is for verification only',
    ]);
    expect(issues({ initialLookbackDays: 0 })).toEqual([
      'initialLookbackDays: Too small: expected number to be >=1',
    ]);
  });
});

describe('survey bindings and source type', () => {
  const checkout = testEntity('checkout', { 'tool.example/survey': 'S2, S1' });
  const keyed = testEntity('search', { 'customer-kpis.io/survey-key': 'k' });

  it('reads the listed surveys and those the entities name, each once, sorted', () => {
    const bindings = new SurveyBindings([checkout, keyed], {
      surveyAnnotation: 'tool.example/survey',
    });
    expect(bindings.surveysRead(['S3', 'S1'])).toEqual(['S1', 'S2', 'S3']);
  });

  it('binds by the survey annotation, or by hidden field and survey key', () => {
    const bindingsOf = surveyBindingsFor('tool.example/survey');
    expect(bindingsOf({}, [checkout, keyed]).bind('S1', {})).toEqual({
      entityRefs: ['component:default/checkout'],
    });
    const byKey = bindingsOf({ hiddenField: 'product' }, [checkout, keyed]);
    expect(byKey.bind('S1', { product: 'k' })).toEqual({
      entityRefs: ['component:default/search'],
    });
    expect(byKey.surveysRead([])).toEqual([]);
  });

  it('feeds NPS, CSAT and CES, and binds by the survey annotation or a survey key', () => {
    const type = surveySourceType({
      id: 'tool',
      title: 'Tool',
      description: 'test',
      annotation: 'tool.example/survey',
      configSchema: z.object({}),
      async *pull() {},
    });
    expect(type).toMatchObject({
      kpis: ['recommend', 'satisfaction', 'customer-effort'],
      annotation: 'tool.example/survey',
      bindingAnnotations: [
        'tool.example/survey',
        'customer-kpis.io/survey-key',
      ],
    });
    expect(
      [
        checkout,
        keyed,
        testEntity('other', { 'tool.example/survey': ' ' }),
      ].map(e => type.isAvailable(e)),
    ).toEqual([true, true, false]);
    expect(isBoundToSurvey(keyed, 'tool.example/survey')).toBe(true);
  });

  it('checks the API token against the API base before handing it out', () => {
    const credentials = createSourceCredentials({
      token: { secret: 'shh', allowedUrls: ['https://tool.example/api/'] },
    });
    const token = surveyApiToken(
      { config: { credential: 'token' }, credentials },
      'https://tool.example/api/',
      'Tool',
    );
    expect(token('https://tool.example/api/surveys')).toBe('shh');
    expect(() =>
      surveyApiToken(
        { config: { credential: 'token' }, credentials },
        'https://elsewhere.example/api/',
        'Tool',
      ),
    ).toThrow(/^Tool source: Credential "token" may not be sent to/);
  });

  it('lists the question mappings of one survey', () => {
    const questions = [
      { question: 'a', kpi: 'recommend' as const },
      { question: 'b', kpi: 'recommend' as const, survey: 'S1' },
      { question: 'c', kpi: 'recommend' as const, survey: 'S2' },
    ];
    expect(questionsOfSurvey(questions, 'S1').map(q => q.question)).toEqual([
      'a',
      'b',
    ]);
  });
});

describe('survey cursor', () => {
  it('reads the positions of each survey and leaves out those it cannot read', () => {
    expect(
      readSurveyCursor(
        {
          version: 1,
          forms: {
            A: { since: 100, seen: ['r1', 7] },
            B: { since: 'yesterday' },
            C: null,
            D: { since: 50 },
          },
        },
        'forms',
        readSecondPosition,
      ),
    ).toEqual({ A: { since: 100, seen: ['r1'] }, D: { since: 50, seen: [] } });
    expect(readSurveyCursor(['x'], 'forms', readSecondPosition)).toEqual({});
    expect(readSurveyCursor(undefined, 'forms', readSecondPosition)).toEqual(
      {},
    );
  });

  it('starts a survey read for the first time the look-back before now', () => {
    expect(
      firstSecondPosition(new Date('2026-11-23T10:00:00.900Z'), 2),
    ).toEqual({
      since: Date.parse('2026-11-21T10:00:00Z') / 1000,
      seen: [],
    });
  });

  it('moves to the newest second read, adding to the ids seen when it stays in the same second', () => {
    const position = { since: 100, seen: ['r1'] };
    expect(
      nextSecondPosition(position, [
        { id: 'r2', second: 100 },
        { id: 'r3', second: NaN },
      ]),
    ).toEqual({ since: 100, seen: ['r1', 'r2'] });
    expect(
      nextSecondPosition(position, [
        { id: 'r4', second: 105 },
        { id: 'r5', second: 104 },
        { id: 'r6', second: 105 },
      ]),
    ).toEqual({ since: 105, seen: ['r4', 'r6'] });
    expect(nextSecondPosition(position, [])).toEqual(position);
  });
});

describe('verifySignedDelivery', () => {
  const NOW = new Date('2026-11-23T10:00:00Z');
  type Delivery = { id?: string; at?: string };
  const body = (delivery: Delivery) => Buffer.from(JSON.stringify(delivery));
  let keyReads = 0;
  const rules = (
    more: Partial<SignedDeliveryRules<Delivery>> = {},
  ): SignedDeliveryRules<Delivery> => ({
    header: 'Tool-Signature',
    configured: true,
    unconfigured: 'no secret configured',
    key: () => {
      keyReads++;
      return 'secret';
    },
    hmac: { algorithm: 'sha256', encoding: 'base64', prefix: 'v1=' },
    describe: delivery => ({
      at: Date.parse(delivery.at ?? ''),
      id: delivery.id,
    }),
    event: 'the answer was given',
    maxAgeHours: 1,
    ...more,
  });
  const sign = (raw: Buffer, key = 'secret') =>
    `v1=${hmacSignature(key, raw, {
      algorithm: 'sha256',
      encoding: 'base64',
    })}`;
  const verify = (raw: Buffer, signature?: string, more = {}) =>
    verifySignedDelivery(
      {
        body: raw,
        headers: signature === undefined ? {} : { 'tool-signature': signature },
        now: () => NOW,
      },
      rules(more),
    );

  it('accepts a body signed with the key, naming the delivery', () => {
    const raw = body({ id: 'd1', at: '2026-11-23T09:30:00Z' });
    expect(verify(raw, ` ${sign(raw)} `)).toEqual({
      ok: true,
      deliveryId: 'd1',
    });
    // signed but not JSON: observations() says why
    expect(verify(Buffer.from('[]x'), sign(Buffer.from('[]x')))).toEqual({
      ok: true,
    });
  });

  it("refuses in order: no signature, no key configured, the tool's own check, a wrong signature, a stale delivery", () => {
    const raw = body({ id: 'd1', at: '2026-11-23T08:00:00Z' });
    keyReads = 0;
    expect(verify(raw, '  ')).toEqual({
      ok: false,
      reason: 'missing',
      detail: 'no Tool-Signature header',
    });
    expect(verify(raw, sign(raw), { configured: false })).toEqual({
      ok: false,
      reason: 'invalid',
      detail: 'no secret configured',
    });
    expect(verify(raw, sign(raw), { refuse: () => 'another app' })).toEqual({
      ok: false,
      reason: 'invalid',
      detail: 'another app',
    });
    // the secret is read only for a delivery that gets as far as its signature
    expect(keyReads).toBe(0);
    expect(verify(raw, sign(raw, 'other'))).toEqual({
      ok: false,
      reason: 'invalid',
      detail: 'Tool-Signature does not match the body',
    });
    expect(verify(raw, sign(raw).slice(3))).toMatchObject({
      reason: 'invalid',
    });
    expect(verify(raw, sign(raw))).toEqual({
      ok: false,
      reason: 'stale',
      detail: 'the answer was given more than 1 h ago',
    });
  });

  it('reads a delivery only as a JSON object, and names the webhook credential', () => {
    expect(parseWebhookJson(Buffer.from('{"a":1}'))).toEqual({ a: 1 });
    expect(() => parseWebhookJson(Buffer.from('[1]'))).toThrow(
      'the body is not a JSON object',
    );
    expect(webhookCredentialFields({ webhookCredential: 'hook' })).toEqual([
      { credential: 'hook', credentialField: 'webhookCredential' },
    ]);
    expect(webhookCredentialFields({})).toEqual([]);
  });
});
