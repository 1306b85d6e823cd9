import { z } from 'zod';
import { testEntity } from '../testUtils/pullSource';
import { SurveyBindings } from './bindings';
import {
  SurveyQuestion,
  refineSurveyQuestions,
  surveyConfigFields,
  surveyQuestionSchema,
} from './config';
import {
  SurveyResponse,
  mapSurveyResponses,
  scoreAnswer,
  summariseSkipped,
  surveyObservationId,
  surveyObservationIds,
} from './mapResponse';
import { hmacSignature, signaturesEqual } from './webhookSignature';

const NOW = new Date('2026-11-23T10:00:00Z');
const FORM = 'tfFormA';

const questions: SurveyQuestion[] = [
  { question: 'nps', kpi: 'recommend' },
  {
    question: 'csat',
    kpi: 'satisfaction',
    scores: { '0': 1, '1': 2, '2': 3, '3': 4, '4': 5 },
  },
  { question: 'effort', kpi: 'customer-effort', scale: 7 },
  {
    question: 'effort5',
    kpi: 'customer-effort',
    scale: 5,
    inverted: true,
    survey: 'other-form',
  },
].map(q => surveyQuestionSchema.parse(q));

const response = (
  responseId: string,
  answers: SurveyResponse['answers'],
  more: Partial<SurveyResponse> = {},
): SurveyResponse => ({
  responseId,
  surveyId: FORM,
  submittedAt: '2026-11-20T08:00:00Z',
  answers,
  hidden: {},
  ...more,
});

const byForm = new SurveyBindings(
  [
    testEntity('checkout', { 'typeform.com/form-id': `${FORM}, other-form` }),
    testEntity('cart', { 'typeform.com/form-id': FORM }),
    testEntity('search', { 'customer-kpis.io/survey-key': 'search' }),
  ],
  { surveyAnnotation: 'typeform.com/form-id' },
);

describe('mapSurveyResponses', () => {
  it('gives one observation per answered mapped question and bound entity, with stable ids', () => {
    const mapped = mapSurveyResponses(
      [response('r1', { nps: 9, csat: 3, effort: { choice: ['c-6', '6'] } })],
      questions,
      byForm,
      { now: NOW },
    );
    expect(mapped.skipped).toEqual([]);
    expect(mapped.observations).toEqual([
      {
        id: `survey/${FORM}/r1/nps/component:default/cart`,
        kpi: 'recommend',
        entityRef: 'component:default/cart',
        timestamp: '2026-11-20T08:00:00.000Z',
        score: 9,
      },
      {
        id: `survey/${FORM}/r1/nps/component:default/checkout`,
        kpi: 'recommend',
        entityRef: 'component:default/checkout',
        timestamp: '2026-11-20T08:00:00.000Z',
        score: 9,
      },
      {
        id: `survey/${FORM}/r1/csat/component:default/cart`,
        kpi: 'satisfaction',
        entityRef: 'component:default/cart',
        timestamp: '2026-11-20T08:00:00.000Z',
        score: 4,
      },
      {
        id: `survey/${FORM}/r1/csat/component:default/checkout`,
        kpi: 'satisfaction',
        entityRef: 'component:default/checkout',
        timestamp: '2026-11-20T08:00:00.000Z',
        score: 4,
      },
      {
        id: `survey/${FORM}/r1/effort/component:default/cart`,
        kpi: 'customer-effort',
        entityRef: 'component:default/cart',
        timestamp: '2026-11-20T08:00:00.000Z',
        score: 6,
        scale: 7,
      },
      {
        id: `survey/${FORM}/r1/effort/component:default/checkout`,
        kpi: 'customer-effort',
        entityRef: 'component:default/checkout',
        timestamp: '2026-11-20T08:00:00.000Z',
        score: 6,
        scale: 7,
      },
    ]);
  });

  it('skips unanswered questions (never zero) and says which and why', () => {
    const mapped = mapSurveyResponses(
      [response('r2', { nps: null, csat: 4 })],
      questions,
      byForm,
      { now: NOW },
    );
    expect(
      mapped.observations.map(o => [o.kpi, 'score' in o && o.score]),
    ).toEqual([
      ['satisfaction', 5],
      ['satisfaction', 5],
    ]);
    expect(mapped.skipped).toEqual([
      {
        responseId: 'r2',
        question: 'nps',
        reason: 'unanswered',
        detail: 'not answered',
      },
      {
        responseId: 'r2',
        question: 'effort',
        reason: 'unanswered',
        detail: 'not answered',
      },
    ]);
    expect(summariseSkipped(mapped.skipped)).toBe('unanswered: 2');
  });

  it('applies a survey-specific mapping only to its survey, with the inverted CES flag', () => {
    const mapped = mapSurveyResponses(
      [response('r3', { effort5: 2 }, { surveyId: 'other-form' })],
      questions,
      byForm,
      { now: NOW },
    );
    expect(mapped.observations).toEqual([
      {
        id: 'survey/other-form/r3/effort5/component:default/checkout',
        kpi: 'customer-effort',
        entityRef: 'component:default/checkout',
        timestamp: '2026-11-20T08:00:00.000Z',
        score: 2,
        scale: 5,
        inverted: true,
      },
    ]);
    expect(mapped.skipped.map(s => s.question)).toEqual([
      'nps',
      'csat',
      'effort',
    ]);
  });

  it('skips out-of-range numbers, unmapped choices and responses of unbound surveys', () => {
    const mapped = mapSurveyResponses(
      [
        response('r4', { nps: 11, csat: 7, effort: { choice: ['Very easy'] } }),
        response('r5', { nps: 10 }, { surveyId: 'unknown-form' }),
      ],
      questions,
      byForm,
      { now: NOW },
    );
    expect(mapped.observations).toEqual([]);
    expect(
      mapped.skipped.map(s => [s.responseId, s.question, s.reason]),
    ).toEqual([
      ['r4', 'nps', 'out-of-range'],
      ['r4', 'csat', 'unmapped-value'],
      ['r4', 'effort', 'unmapped-value'],
      ['r5', undefined, 'not-bound'],
    ]);
    // never the answer's text
    expect(JSON.stringify(mapped.skipped)).not.toContain('Very easy');
  });

  it('binds by a hidden field matched against customer-kpis.io/survey-key when configured', () => {
    const byKey = new SurveyBindings(
      [
        testEntity('search', { 'customer-kpis.io/survey-key': 'search,find' }),
        testEntity('cart', { 'typeform.com/form-id': FORM }),
      ],
      { surveyAnnotation: 'typeform.com/form-id', hiddenField: 'product' },
    );
    const mapped = mapSurveyResponses(
      [
        response('r6', { nps: 3 }, { hidden: { product: 'find' } }),
        response('r7', { nps: 3 }, { hidden: { product: 'cart' } }),
        response('r8', { nps: 3 }),
      ],
      [questions[0]],
      byKey,
      { now: NOW },
    );
    expect(mapped.observations.map(o => o.id)).toEqual([
      `survey/${FORM}/r6/nps/component:default/search`,
    ]);
    expect(mapped.skipped.map(s => [s.responseId, s.reason])).toEqual([
      ['r7', 'not-bound'],
      ['r8', 'no-binding-value'],
    ]);
    expect(byKey.surveyIds()).toEqual([]);
    expect(byForm.surveyIds()).toEqual(['other-form', FORM]);
  });

  it('skips an answer whose time the backend would refuse', () => {
    const mapped = mapSurveyResponses(
      [response('r9', { nps: 9 }, { submittedAt: '2027-06-01T00:00:00Z' })],
      [questions[0]],
      byForm,
      { now: NOW },
    );
    expect(mapped.observations).toEqual([]);
    expect(mapped.skipped.map(s => s.reason)).toEqual(['invalid', 'invalid']);
  });
});

describe('surveyObservationId', () => {
  it('is the same text for the same answer, and hashed when longer than the store allows', () => {
    expect(surveyObservationId('f', 'r', 'q', 'component:default/a')).toBe(
      'survey/f/r/q/component:default/a',
    );
    const long = surveyObservationId(
      'f',
      'r'.repeat(190),
      'q',
      'component:default/a',
    );
    expect(long).toMatch(/^survey\/sha256:[0-9a-f]{64}$/);
    expect(
      surveyObservationId('f', 'r'.repeat(190), 'q', 'component:default/a'),
    ).toBe(long);
  });

  it('lists every id a response could have given, for retractions', () => {
    expect(
      surveyObservationIds(
        { responseId: 'r', surveyId: 'other-form' },
        ['component:default/a'],
        questions,
      ),
    ).toEqual([
      'survey/other-form/r/nps/component:default/a',
      'survey/other-form/r/csat/component:default/a',
      'survey/other-form/r/effort/component:default/a',
      'survey/other-form/r/effort5/component:default/a',
    ]);
  });
});

describe('scoreAnswer', () => {
  it('reads a numeric choice label without a scores map', () => {
    expect(scoreAnswer(questions[0], { choice: ['ch_1', '7'] })).toEqual({
      score: 7,
    });
    expect(scoreAnswer(questions[0], 0)).toEqual({ score: 0 });
    expect(scoreAnswer(questions[0], undefined)).toMatchObject({
      reason: 'unanswered',
    });
  });
});

describe('survey config', () => {
  const schema = z
    .strictObject(surveyConfigFields)
    .superRefine(refineSurveyQuestions);
  const issue = (value: unknown) => {
    const result = schema.safeParse(value);
    return result.success
      ? undefined
      : result.error.issues.map(i => `${i.path.join('.')}: ${i.message}`);
  };

  it('refuses a CES question without a scale, and a scale on another KPI, naming the field', () => {
    expect(
      issue({ questions: [{ question: 'q', kpi: 'customer-effort' }] }),
    ).toEqual([
      'questions.0.scale: scale is required for customer-effort: 5 or 7',
    ]);
    expect(
      issue({ questions: [{ question: 'q', kpi: 'recommend', scale: 5 }] }),
    ).toEqual([
      'questions.0.scale: scale and inverted apply to customer-effort only, not to recommend',
    ]);
  });

  it('refuses scores outside the KPI scale, and one question mapped twice', () => {
    expect(
      issue({
        questions: [{ question: 'q', kpi: 'satisfaction', scores: { bad: 0 } }],
      }),
    ).toEqual([
      'questions.0.scores.bad: scores.bad must be an integer from 1 to 5 for satisfaction',
    ]);
    expect(
      issue({
        questions: [
          { question: 'q', kpi: 'satisfaction' },
          { question: 'q', kpi: 'recommend', survey: 'f' },
        ],
      }),
    ).toEqual([
      'questions.1.question: question q is already mapped by questions[0]; a question feeds one KPI',
    ]);
    expect(
      issue({
        questions: [
          { question: 'q', kpi: 'satisfaction', survey: 'a' },
          { question: 'q', kpi: 'recommend', survey: 'b' },
        ],
      }),
    ).toBeUndefined();
  });

  it('every field has a description for the admin form', () => {
    const json = z.toJSONSchema(surveyQuestionSchema, { io: 'input' }) as {
      properties: Record<string, { description?: string }>;
    };
    for (const [name, property] of Object.entries(json.properties)) {
      expect([name, typeof property.description]).toEqual([name, 'string']);
    }
  });
});

describe('webhook signatures', () => {
  it('computes base64 HMAC-SHA256 and compares in constant time', () => {
    // RFC 4231 test case 2
    expect(
      hmacSignature('Jefe', 'what do ya want for nothing?', {
        algorithm: 'sha256',
        encoding: 'hex',
      }),
    ).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    const signature = hmacSignature('secret-123', Buffer.from('{"a":1}'), {
      algorithm: 'sha256',
      encoding: 'base64',
    });
    expect(signaturesEqual(signature, signature)).toBe(true);
    expect(signaturesEqual(signature, signature.slice(1))).toBe(false);
    expect(signaturesEqual(signature, `${signature.slice(0, -2)}A=`)).toBe(
      false,
    );
  });
});
