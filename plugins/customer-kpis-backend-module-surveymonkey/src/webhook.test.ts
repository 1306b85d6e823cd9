import { mockServices } from '@backstage/backend-test-utils';
import {
  SecretRedactor,
  createSourceCredentials,
  hmacSignature,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { testEntity } from '@customer-kpis/backstage-plugin-customer-kpis-node/testUtils';
import {
  FakeSurveyMonkey,
  QUESTION,
  startFakeSurveyMonkey,
} from './__testUtils__/fakeSurveyMonkey';
import { surveyMonkeyConfigSchema } from './config';
import { surveyMonkeySourceType } from './surveyMonkeySourceType';

const TOKEN = 'sm_access-token-123456';
const CLIENT_ID = 'app-client-id-42';
const CLIENT_SECRET = 'app-client-secret-789';
const NOW = new Date('2026-11-23T10:00:00Z');
const A = '405000001';

const entities = [testEntity('checkout', { 'surveymonkey.com/survey-id': A })];

const webhook = surveyMonkeySourceType.webhook!;

/** A delivery as SurveyMonkey posts it. */
const delivery = (
  event: string,
  responseId: string,
  more: { eventDatetime?: string; surveyId?: string } = {},
) =>
  Buffer.from(
    JSON.stringify({
      name: 'customer-kpis',
      filter_type: 'survey',
      filter_id: more.surveyId ?? A,
      event_type: event,
      event_id: `evt-${event}-${responseId}`,
      object_type: 'response',
      object_id: responseId,
      event_datetime: more.eventDatetime ?? '2026-11-23T09:59:00.123456+00:00',
      resources: {
        respondent_id: responseId,
        recipient_id: '0',
        user_id: '9000001',
        collector_id: '400000001',
        survey_id: more.surveyId ?? A,
      },
    }),
  );

const sign = (body: Buffer, key = `${CLIENT_ID}&${CLIENT_SECRET}`) =>
  hmacSignature(key, body, { algorithm: 'sha1', encoding: 'base64' });

describe('surveymonkey webhook', () => {
  let fake: FakeSurveyMonkey;
  beforeEach(async () => {
    fake = await startFakeSurveyMonkey({
      token: TOKEN,
      responses: [
        {
          id: '9001',
          survey: A,
          modified: '2026-11-23T09:58:30Z',
          answers: { nps: 9, csat: 4, comment: 'text 555-0100' },
        },
        {
          id: '9002',
          survey: A,
          modified: '2026-11-23T09:58:40Z',
          status: 'partial',
          answers: { nps: 2 },
        },
      ],
    });
  });
  afterEach(() => fake.close());

  const config = () =>
    surveyMonkeyConfigSchema.parse({
      baseUrl: fake.url,
      credential: 'sm-token',
      questions: [
        { question: QUESTION.nps, kpi: 'recommend' },
        { question: QUESTION.csat, kpi: 'satisfaction' },
      ],
      webhookClientId: CLIENT_ID,
      webhookCredential: 'sm-client-secret',
      retries: 0,
      minRetryDelayMs: 10,
    });
  const secrets: Record<string, string> = { 'sm-client-secret': CLIENT_SECRET };
  const verify = (body: Buffer, headers: Record<string, string>) =>
    webhook.verify({
      config: config(),
      body,
      headers,
      secret: name => secrets[name],
      now: () => NOW,
    });
  const receive = (body: Buffer) =>
    webhook.observations({
      config: config(),
      body,
      headers: {},
      entities,
      now: () => NOW,
      logger: mockServices.logger.mock(),
      redactor: new SecretRedactor([TOKEN, CLIENT_SECRET]),
      credentials: createSourceCredentials({
        'sm-token': { secret: TOKEN, allowedUrls: [fake.url] },
      }),
    });

  it('accepts a body signed with "<client id>&<client secret>" (HMAC-SHA1, base64) and the app\'s Sm-Apikey', async () => {
    const body = delivery('response_completed', '9001');
    expect(
      await verify(body, {
        'sm-signature': sign(body),
        'sm-apikey': CLIENT_ID,
      }),
    ).toEqual({
      ok: true,
      deliveryId: 'evt-response_completed-9001',
    });
  });

  it('refuses a missing signature, a wrong key, a changed body, another app, and a stale event', async () => {
    const body = delivery('response_completed', '9001');
    expect(await verify(body, {})).toMatchObject({
      ok: false,
      reason: 'missing',
    });
    expect(
      await verify(body, {
        'sm-signature': sign(body, `${CLIENT_ID}&wrong-secret`),
      }),
    ).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
    // The secret alone is not the key.
    expect(
      await verify(body, { 'sm-signature': sign(body, CLIENT_SECRET) }),
    ).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
    const changed = Buffer.from(body.toString().replace('9001', '9002'));
    expect(await verify(changed, { 'sm-signature': sign(body) })).toMatchObject(
      { ok: false, reason: 'invalid' },
    );
    expect(
      await verify(body, {
        'sm-signature': sign(body),
        'sm-apikey': 'other-app',
      }),
    ).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
    const old = delivery('response_completed', '9001', {
      eventDatetime: '2026-11-19T09:00:00+00:00',
    });
    expect(await verify(old, { 'sm-signature': sign(old) })).toMatchObject({
      ok: false,
      reason: 'stale',
    });
  });

  it('fetches the response named by a completed event with the API token and maps it like a pulled one; text never read', async () => {
    const result = await receive(delivery('response_completed', '9001'));
    expect(
      result.observations.map(o => [
        o.id,
        'score' in o && o.score,
        o.timestamp,
      ]),
    ).toEqual([
      [
        `survey/${A}/9001/${QUESTION.nps}/component:default/checkout`,
        9,
        '2026-11-23T09:58:30.000Z',
      ],
      [
        `survey/${A}/9001/${QUESTION.csat}/component:default/checkout`,
        4,
        '2026-11-23T09:58:30.000Z',
      ],
    ]);
    expect(JSON.stringify(result)).not.toContain('555-0100');
    expect(fake.paths()).toEqual([
      `/v3/surveys/${A}/responses/9001/details`,
      `/v3/surveys/${A}/details`,
    ]);
    expect(
      fake.requests.every(r => r.headers.authorization === `Bearer ${TOKEN}`),
    ).toBe(true);
  });

  it('retracts every answer of a deleted response, of one that is gone when fetched, and of one not complete', async () => {
    const ids = (id: string) => [
      `survey/${A}/${id}/${QUESTION.nps}/component:default/checkout`,
      `survey/${A}/${id}/${QUESTION.csat}/component:default/checkout`,
    ];
    expect(await receive(delivery('response_deleted', '9001'))).toEqual({
      observations: [],
      retractions: ids('9001'),
    });
    expect(fake.requests).toHaveLength(0);
    expect(await receive(delivery('response_completed', '9999'))).toEqual({
      observations: [],
      retractions: ids('9999'),
    });
    expect(await receive(delivery('response_updated', '9002'))).toMatchObject({
      observations: [],
      retractions: ids('9002'),
    });
  });

  it('leaves out events of surveys the source does not read and events that are not about responses', async () => {
    expect(
      await receive(
        delivery('response_completed', '9001', { surveyId: '405999999' }),
      ),
    ).toEqual({
      observations: [],
      skipped: 1,
    });
    const collector = Buffer.from(
      JSON.stringify({
        event_type: 'collector_created',
        object_type: 'collector',
        object_id: '1',
        resources: {},
      }),
    );
    expect(await receive(collector)).toEqual({ observations: [], skipped: 1 });
    expect(fake.requests).toHaveLength(0);
    await expect(receive(Buffer.from('[1]'))).rejects.toThrow(
      /not a JSON object/,
    );
  });
});
