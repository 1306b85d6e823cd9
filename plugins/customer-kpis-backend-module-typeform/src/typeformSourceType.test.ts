import { mockServices } from '@backstage/backend-test-utils';
import { Observation } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import {
  SecretRedactor,
  SourcePage,
  hmacSignature,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import {
  PullPagesOptions,
  observationsOf,
  pullPages,
  sendEcho,
  sendJson,
  testEntity,
} from '@customer-kpis/backstage-plugin-customer-kpis-node/testUtils';
import {
  FakeResponse,
  FakeTypeform,
  responseItem,
  startFakeTypeform,
} from './__testUtils__/fakeTypeform';
import { typeformConfigSchema } from './config';
import { typeformSourceType } from './typeformSourceType';

const TOKEN = 'tfp_personal-access-token-123';
const WEBHOOK_SECRET = 'typeform-webhook-secret-456';
const NOW = new Date('2026-11-23T10:00:00Z');

const entities = [
  testEntity('checkout', { 'typeform.com/form-id': 'FormA' }),
  testEntity('search', { 'typeform.com/form-id': 'FormB' }),
  testEntity('unbound'),
];

const QUESTIONS = [
  { question: 'nps', kpi: 'recommend' },
  { question: 'csat', kpi: 'satisfaction' },
  { question: 'effort', kpi: 'customer-effort', scale: 7 },
  {
    question: 'mood',
    kpi: 'satisfaction',
    survey: 'FormB',
    scores: { ref_Happy: 5, ref_Meh: 3, ref_Sad: 1 },
  },
];

const at = (day: number, hour = 9) =>
  `2026-11-${String(day).padStart(2, '0')}T${String(hour).padStart(
    2,
    '0',
  )}:00:00Z`;
const responses: FakeResponse[] = [
  {
    token: 'tA1',
    form: 'FormA',
    submitted_at: at(2),
    answers: {
      nps: 10,
      csat: 5,
      effort: 6,
      comment: { text: 'love it, call me at 555-0100' },
    },
  },
  {
    token: 'tA2',
    form: 'FormA',
    submitted_at: at(3),
    answers: { nps: 6, effort: 3 },
  },
  {
    token: 'tA3',
    form: 'FormA',
    submitted_at: at(4),
    completed: false,
    answers: { nps: 0 },
  },
  {
    token: 'tA4',
    form: 'FormA',
    submitted_at: at(5),
    answers: { nps: 9, csat: 4 },
  },
  { token: 'tA5', form: 'FormA', submitted_at: at(6), answers: { nps: 8 } },
  {
    token: 'tB1',
    form: 'FormB',
    submitted_at: at(3),
    answers: { nps: 3, mood: { choice: 'Happy' } },
  },
  {
    token: 'tB2',
    form: 'FormB',
    submitted_at: at(7),
    answers: { mood: { choice: 'Sad' } },
  },
];

const KPI_OF: Record<string, string> = {
  nps: 'recommend',
  effort: 'customer-effort',
};
const obs = (
  form: string,
  token: string,
  q: string,
  name: string,
  score: number,
  day: number,
  extra = {},
): Observation =>
  ({
    id: `survey/${form}/${token}/${q}/component:default/${name}`,
    kpi: KPI_OF[q] ?? 'satisfaction',
    entityRef: `component:default/${name}`,
    timestamp: new Date(at(day)).toISOString(),
    score,
    ...extra,
  } as Observation);

const EXPECTED: Observation[] = [
  obs('FormA', 'tA1', 'nps', 'checkout', 10, 2),
  obs('FormA', 'tA1', 'csat', 'checkout', 5, 2),
  obs('FormA', 'tA1', 'effort', 'checkout', 6, 2, { scale: 7 }),
  obs('FormA', 'tA2', 'nps', 'checkout', 6, 3),
  obs('FormA', 'tA2', 'effort', 'checkout', 3, 3, { scale: 7 }),
  obs('FormA', 'tA4', 'nps', 'checkout', 9, 5),
  obs('FormA', 'tA4', 'csat', 'checkout', 4, 5),
  obs('FormA', 'tA5', 'nps', 'checkout', 8, 6),
  obs('FormB', 'tB1', 'nps', 'search', 3, 3),
  obs('FormB', 'tB1', 'mood', 'search', 5, 3),
  obs('FormB', 'tB2', 'mood', 'search', 1, 7),
].sort((a, b) => a.id.localeCompare(b.id));

const byId = (a: Observation, b: Observation) => a.id.localeCompare(b.id);

/** A pull of the fake as the backend runs it: this file's config, token, catalog and clock unless `options` say otherwise. */
const pull = (
  server: FakeTypeform,
  options: Omit<Partial<PullPagesOptions>, 'config'> & {
    config?: Record<string, unknown>;
  } = {},
) =>
  pullPages(typeformSourceType, {
    entities,
    credentials: {
      'typeform-token': { secret: TOKEN, allowedUrls: [server.url] },
    },
    now: NOW,
    ...options,
    config: {
      baseUrl: server.url,
      credential: 'typeform-token',
      questions: QUESTIONS,
      pageSize: 2,
      retries: 2,
      minRetryDelayMs: 10,
      webhookCredential: 'typeform-webhook',
      ...options.config,
    },
  });

describe('typeformSourceType pull', () => {
  let server: FakeTypeform | undefined;
  const start = async (
    more: Partial<Parameters<typeof startFakeTypeform>[0]> = {},
  ) => {
    server = await startFakeTypeform({
      responses: structuredClone(responses),
      token: TOKEN,
      ...more,
    });
    return server;
  };
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('maps mapped field refs of completed responses to NPS, CSAT and CES; skips unanswered, partial and free text', async () => {
    const pages = await pull(await start());
    expect(observationsOf(pages)).toEqual(EXPECTED);
    expect(JSON.stringify(pages)).not.toContain('555-0100');
  });

  it('asks for completed responses oldest first, page_size at a time, with the bearer token, from initialLookbackDays ago', async () => {
    const fake = await start();
    await pull(fake);
    const since = Date.parse('2026-11-23T10:00:00Z') / 1000 - 365 * 86400;
    expect(fake.paths()[0]).toBe(
      `/forms/FormA/responses?page_size=2&since=${since}&completed=true&sort=submitted_at,asc`,
    );
    for (const request of fake.requests) {
      expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
    }
    // FormA: 4 completed responses at distinct seconds, 2 per page, each page from the newest second read (re-read)
    const formA = fake.paths().filter(p => p.startsWith('/forms/FormA'));
    expect(
      formA.map(p => new URL(p, 'http://x').searchParams.get('since')),
    ).toEqual([
      String(since),
      String(Date.parse(at(3)) / 1000),
      String(Date.parse(at(5)) / 1000),
      String(Date.parse(at(6)) / 1000),
    ]);
  });

  it('a second run from the stored cursor asks from the newest second read and yields nothing already read', async () => {
    const fake = await start();
    const first = await pull(fake);
    const before = fake.requests.length;
    const second = await pull(fake, { cursor: first[first.length - 1].cursor });
    expect(observationsOf(second)).toEqual([]);
    expect(
      new URL(fake.paths()[before], 'http://x').searchParams.get('since'),
    ).toBe(String(Date.parse(at(6)) / 1000));
  });

  it('a resubmitted (edited) response comes again with the same ids and its new answers', async () => {
    const fake = await start();
    const first = await pull(fake);
    const edited = fake.options.responses.find(r => r.token === 'tA2')!;
    edited.submitted_at = at(20);
    edited.answers = { nps: 9, effort: 7 };
    const second = await pull(fake, { cursor: first[first.length - 1].cursor });
    expect(observationsOf(second).filter(o => o.id.includes('/tA2/'))).toEqual([
      obs('FormA', 'tA2', 'effort', 'checkout', 7, 20, { scale: 7 }),
      obs('FormA', 'tA2', 'nps', 'checkout', 9, 20),
    ]);
  });

  it('binds by a hidden field and customer-kpis.io/survey-key when hiddenField is set', async () => {
    const fake = await start({
      responses: [
        {
          token: 'h1',
          form: 'Shared',
          submitted_at: at(2),
          hidden: { product: 'checkout' },
          answers: { nps: 10 },
        },
        {
          token: 'h2',
          form: 'Shared',
          submitted_at: at(3),
          hidden: { product: 'search' },
          answers: { nps: 2 },
        },
        {
          token: 'h3',
          form: 'Shared',
          submitted_at: at(4),
          answers: { nps: 5 },
        },
      ],
    });
    const pages = await pull(fake, {
      config: { hiddenField: 'product', forms: ['Shared'] },
      entities: [
        testEntity('checkout', { 'customer-kpis.io/survey-key': 'checkout' }),
        testEntity('search', { 'customer-kpis.io/survey-key': 'search' }),
      ],
    });
    expect(
      observationsOf(pages).map(o => [o.id, 'score' in o && o.score]),
    ).toEqual([
      ['survey/Shared/h1/nps/component:default/checkout', 10],
      ['survey/Shared/h2/nps/component:default/search', 2],
    ]);
  });

  it('waits the Retry-After of a 429 before asking again', async () => {
    const fake = await start({
      intercept: (_req, res, index) => {
        if (index !== 1) return false;
        sendJson(
          res,
          429,
          { code: 'TOO_MANY_REQUESTS', description: 'rate limited' },
          { 'retry-after': '1' },
        );
        return true;
      },
    });
    const pages = await pull(fake);
    expect(fake.requests[2].at - fake.requests[1].at).toBeGreaterThanOrEqual(
      990,
    );
    expect(fake.paths()[2]).toBe(fake.paths()[1]);
    expect(observationsOf(pages)).toEqual(EXPECTED);
  });

  it('retries a 5xx and carries on', async () => {
    const fake = await start({
      intercept: (_req, res, index) => {
        if (index !== 2) return false;
        sendJson(res, 503, { code: 'SERVICE_UNAVAILABLE' });
        return true;
      },
    });
    expect(observationsOf(await pull(fake))).toEqual(EXPECTED);
  });

  it('fails on a page in an unexpected shape, naming the endpoint and the field', async () => {
    const fake = await start({
      intercept: (_req, res) => {
        sendJson(res, 200, { items: [{ token: 'tX' }] });
        return true;
      },
    });
    await expect(pull(fake)).rejects.toThrow(
      'Typeform answered /forms/FormA/responses in an unexpected shape: items.0.submitted_at: Invalid input: expected string, received undefined',
    );
  });

  it('fails on a rejected token with the status, never the token, and keeps the token out of logs when echoed', async () => {
    const fake = await start();
    const error: Error = await pull(fake, {
      credentials: {
        'typeform-token': {
          secret: 'wrong-token-789',
          allowedUrls: [fake.url],
        },
      },
    }).catch(e => e);
    expect(error.message).toContain('failed with HTTP 401');
    expect(error.message).not.toContain('wrong-token-789');

    await fake.close();
    const echo = await start({
      intercept: (req, res) => {
        sendEcho(req, res, 500);
        return true;
      },
    });
    const logger = mockServices.logger.mock();
    const echoed: Error = await pull(echo, { logger }).catch(e => e);
    expect(echoed.message).toContain('failed with HTTP 500');
    const text = JSON.stringify([
      echoed.message,
      logger.warn.mock.calls,
      logger.info.mock.calls,
    ]);
    expect(text).not.toContain(TOKEN);
  });

  it('sends the token to no URL its credential does not allow, failing before any request', async () => {
    const fake = await start();
    const error: Error = await pull(fake, {
      credentials: {
        'typeform-token': {
          secret: TOKEN,
          allowedUrls: ['https://api.typeform.com'],
        },
      },
    }).catch(e => e);
    expect(error.message).toBe(
      `Typeform source: Credential "typeform-token" may not be sent to ${fake.url}/forms/: customerKpis.credentials.typeform-token.allowedUrls allows only https://api.typeform.com`,
    );
    expect(fake.requests).toHaveLength(0);
  });

  it('keeps the pages stored before a failure and resumes from their cursor without gaps', async () => {
    let failing = true;
    const fake = await start({
      intercept: (req, res) => {
        const since = new URL(req.url ?? '/', 'http://x').searchParams.get(
          'since',
        );
        if (
          !failing ||
          !req.url?.includes('FormA') ||
          since !== String(Date.parse(at(5)) / 1000)
        )
          return false;
        sendJson(res, 500, { code: 'INTERNAL' });
        return true;
      },
    });
    const stored: SourcePage[] = [];
    await expect(pull(fake, { stored })).rejects.toThrow('HTTP 500');
    expect(observationsOf(stored).map(o => o.id)).toEqual(
      EXPECTED.filter(o => /\/tA[124]\//.test(o.id)).map(o => o.id),
    );
    failing = false;
    const before = fake.requests.length;
    const resumed = await pull(fake, {
      cursor: stored[stored.length - 1].cursor,
    });
    expect(
      new URL(fake.paths()[before], 'http://x').searchParams.get('since'),
    ).toBe(String(Date.parse(at(5)) / 1000));
    const storedIds = observationsOf(stored).map(o => o.id);
    expect(
      observationsOf(resumed).filter(o => storedIds.includes(o.id)),
    ).toEqual([]);
    expect(
      [...observationsOf(stored), ...observationsOf(resumed)].sort(byId),
    ).toEqual(EXPECTED);
  });
});

describe('typeformSourceType webhook', () => {
  const config = typeformConfigSchema.parse({
    credential: 'typeform-token',
    webhookCredential: 'typeform-webhook',
    questions: QUESTIONS,
  });
  const delivery = (submittedAt = '2026-11-23T09:59:00Z') =>
    Buffer.from(
      JSON.stringify({
        event_id: 'LtWXD3crgy',
        event_type: 'form_response',
        form_response: {
          form_id: 'FormA',
          ...responseItem({
            token: 'wh1',
            form: 'FormA',
            submitted_at: submittedAt,
            answers: { nps: 9, effort: 5 },
          }),
          definition: { id: 'FormA', title: 'NPS', fields: [] },
        },
      }),
    );
  const sign = (body: Buffer, secret = WEBHOOK_SECRET) =>
    `sha256=${hmacSignature(secret, body, {
      algorithm: 'sha256',
      encoding: 'base64',
    })}`;
  const secrets: Record<string, string> = {
    'typeform-webhook': WEBHOOK_SECRET,
  };
  const verify = (body: Buffer, headers: Record<string, string>) =>
    typeformSourceType.webhook!.verify({
      config,
      body,
      headers,
      secret: name => secrets[name],
      now: () => NOW,
    });

  it('accepts a body signed with the webhook secret and maps its form_response like a pulled one', async () => {
    const body = delivery();
    expect(await verify(body, { 'typeform-signature': sign(body) })).toEqual({
      ok: true,
      deliveryId: 'LtWXD3crgy',
    });
    const result = await typeformSourceType.webhook!.observations({
      config,
      body,
      headers: {},
      entities,
      now: () => NOW,
      logger: mockServices.logger.mock(),
      redactor: new SecretRedactor([]),
    });
    expect(
      result.observations.map(o => [o.id, 'score' in o && o.score]),
    ).toEqual([
      ['survey/FormA/wh1/nps/component:default/checkout', 9],
      ['survey/FormA/wh1/effort/component:default/checkout', 5],
    ]);
    expect(result.skipped).toBe(1);
  });

  it('refuses a missing signature, a wrong one, a changed body, and a stale delivery', async () => {
    const body = delivery();
    expect(await verify(body, {})).toMatchObject({
      ok: false,
      reason: 'missing',
    });
    expect(
      await verify(body, {
        'typeform-signature': sign(body, 'another-secret'),
      }),
    ).toMatchObject({ ok: false, reason: 'invalid' });
    const changed = Buffer.from(
      body.toString().replace('"number":9', '"number":10'),
    );
    expect(
      await verify(changed, { 'typeform-signature': sign(body) }),
    ).toMatchObject({ ok: false, reason: 'invalid' });
    const old = delivery('2026-11-19T09:00:00Z');
    expect(
      await verify(old, { 'typeform-signature': sign(old) }),
    ).toMatchObject({ ok: false, reason: 'stale' });
  });
});

describe('typeformConfigSchema', () => {
  it('has defaults for everything but the credential and the questions, and the EU base URL is one field away', () => {
    const config = typeformConfigSchema.parse({
      credential: 'tf',
      questions: [{ question: 'nps', kpi: 'recommend' }],
    });
    expect(config).toEqual({
      baseUrl: 'https://api.typeform.com',
      credential: 'tf',
      forms: [],
      questions: [{ question: 'nps', kpi: 'recommend' }],
      initialLookbackDays: 365,
      pageSize: 1000,
      webhookMaxAgeHours: 72,
      retries: 4,
      minRetryDelayMs: 1000,
    });
    expect(
      typeformSourceType.credentialTargets!(
        typeformConfigSchema.parse({
          ...config,
          baseUrl: 'https://api.eu.typeform.com',
        }),
      ),
    ).toEqual([
      {
        credential: 'tf',
        credentialField: 'credential',
        urlField: 'baseUrl',
        url: 'https://api.eu.typeform.com/forms/',
      },
    ]);
  });

  it('names the field of a bad config', () => {
    const issues = (value: unknown) => {
      const r = typeformConfigSchema.safeParse(value);
      return r.success ? [] : r.error.issues.map(i => i.path.join('.'));
    };
    expect(issues({ credential: 'tf', questions: [] })).toEqual(['questions']);
    expect(
      issues({
        credential: 'tf',
        questions: QUESTIONS,
        hiddenField: 'product',
      }),
    ).toEqual(['forms']);
    expect(
      issues({
        credential: 'tf',
        questions: QUESTIONS,
        webhookCredential: 'tf',
      }),
    ).toEqual(['webhookCredential']);
    expect(
      issues({ credential: 'tf', questions: QUESTIONS, pageSize: 1001 }),
    ).toEqual(['pageSize']);
  });
});
