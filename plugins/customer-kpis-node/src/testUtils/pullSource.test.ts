import { z } from 'zod';
import { CustomerKpisSourceType, SourcePage } from '../sourceType';
import {
  observationsOf,
  pullPages,
  retractionsOf,
  testEntity,
} from './pullSource';

/** A source type that emits one NPS answer per bound entity, one page each, and reports what it was given. */
const seen: Array<{ config: unknown; secret: string; redacted: string }> = [];
const echoType: CustomerKpisSourceType<{ score: number; token: string }> = {
  id: 'echo',
  title: 'Echo',
  description: 'test',
  kpis: ['recommend'],
  annotation: 'echo/id',
  configSchema: z.object({
    score: z.number().default(9),
    token: z.string(),
  }),
  isAvailable: entity => Boolean(entity.metadata.annotations?.['echo/id']),
  async *pull(context) {
    const secret = context.credentials.get(
      context.config.token,
      'https://echo.example/api',
    );
    seen.push({
      config: context.config,
      secret,
      redacted: context.redactor.redact(`token ${secret}`),
    });
    for (const entity of context.entities) {
      const id = entity.metadata.annotations!['echo/id'];
      yield {
        observations: [
          {
            id: `b-${id}`,
            kpi: 'recommend',
            entityRef: `component:default/${entity.metadata.name}`,
            timestamp: context.now().toISOString(),
            score: context.config.score,
          },
        ],
        retractions: [`old-${id}`],
        cursor: id,
      } satisfies SourcePage;
    }
    throw new Error('upstream gone');
  },
};

describe('pullPages', () => {
  it('parses the config, binds credentials, filters entities, fixes the clock and keeps pages pulled before a failure', async () => {
    const stored: SourcePage[] = [];
    const error = await pullPages(echoType, {
      config: { token: 'echo-token' },
      credentials: {
        'echo-token': {
          secret: 'shh-0123456789',
          allowedUrls: ['https://echo.example/'],
        },
      },
      entities: [
        testEntity('b', { 'echo/id': '2' }),
        testEntity('unbound'),
        testEntity('a', { 'echo/id': '1' }),
      ],
      now: new Date('2026-11-30T12:00:00Z'),
      stored,
    }).catch(e => e);

    expect(error.message).toBe('upstream gone');
    expect(seen).toEqual([
      {
        config: { score: 9, token: 'echo-token' },
        secret: 'shh-0123456789',
        redacted: 'token ***',
      },
    ]);
    expect(stored.map(page => page.cursor)).toEqual(['2', '1']);
    expect(observationsOf(stored).map(o => o.id)).toEqual(['b-1', 'b-2']);
    expect(observationsOf(stored, 'csat')).toEqual([]);
    expect(observationsOf(stored)[0]).toMatchObject({
      timestamp: '2026-11-30T12:00:00.000Z',
    });
    expect(retractionsOf(stored)).toEqual(['old-2', 'old-1']);
  });
});
