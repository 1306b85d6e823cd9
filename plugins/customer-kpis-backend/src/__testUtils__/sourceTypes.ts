// A scriptable data-source type for tests: it serves pages of NPS answers and can be told to fail at a page once.
import { createBackendModule } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  CustomerKpisSourceType,
  customerKpisSourcesExtensionPoint,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { z } from 'zod';

/**
 * The script of the fake source: answers per page, the page (1-based) that fails the next run, if any, and per page
 * (0-based) the answers it retracts, as `<page>:<index>` of the answer that an earlier page sent.
 */
export const fakeSourceScript = {
  pages: [[10, 9], [0, 8], [10]] as number[][],
  retractions: [] as string[][],
  failAtPage: undefined as number | undefined,
  day: '2026-06-29',
};

const configSchema = z.object({
  label: z.string().min(1),
  credential: z.string().optional(),
  /** Where the fake pretends to send its credential; it asks for the secret for this URL. */
  url: z.string().optional(),
  /** Makes the fake misbehave with its secret as a careless source could: log it, throw it, or put it in its data. */
  leak: z.enum(['log', 'throw', 'sample']).optional(),
});

/**
 * Pages of NPS answers for every entity with `test.io/fake`; the cursor is the index of the next page. It declares
 * no credential targets, so the backend checks only that its credential exists, and the URL at request time.
 */
export const fakeSourceType: CustomerKpisSourceType<
  z.infer<typeof configSchema>
> = {
  id: 'fake',
  title: 'Fake',
  description: 'Serves scripted NPS answers.',
  configSchema,
  kpis: ['recommend'],
  annotation: 'test.io/fake',
  isAvailable: entity => Boolean(entity.metadata.annotations?.['test.io/fake']),
  async *pull({ config, credentials, entities, cursor, logger }) {
    const secret =
      config.credential && config.url
        ? credentials.get(config.credential, config.url)
        : undefined;
    const basic = Buffer.from(`me@acme.test:${secret}`).toString('base64');
    if (secret && config.leak === 'log') {
      logger.warn(
        `calling ${config.url} with Authorization: Bearer ${secret}`,
        {
          token: secret,
          basic,
        },
      );
    }
    if (secret && config.leak === 'throw') {
      throw new Error(
        `upstream echoed ${secret}, Basic ${basic} and ${encodeURIComponent(
          secret,
        )}`,
      );
    }
    const suffix = secret && config.leak === 'sample' ? `:${secret}` : '';
    const start = typeof cursor === 'number' ? cursor : 0;
    for (let page = start; page < fakeSourceScript.pages.length; page++) {
      if (fakeSourceScript.failAtPage === page + 1) {
        fakeSourceScript.failAtPage = undefined;
        throw new Error(`upstream broke at page ${page + 1}`);
      }
      const retracted = fakeSourceScript.retractions[page];
      yield {
        ...(retracted && {
          retractions: entities.flatMap(entity =>
            retracted.map(answer => `${stringifyEntityRef(entity)}:${answer}`),
          ),
        }),
        observations: entities.flatMap(entity =>
          fakeSourceScript.pages[page].map((score, i) => ({
            id: `${stringifyEntityRef(entity)}:${page}:${i}${suffix}`,
            kpi: 'recommend' as const,
            entityRef: stringifyEntityRef(entity).toLowerCase(),
            timestamp: `${fakeSourceScript.day}T12:00:00.000Z`,
            score,
          })),
        ),
        cursor: page + 1,
      };
    }
  },
};

/** A backend module that installs {@link fakeSourceType}. */
export const fakeSourceModule = createBackendModule({
  pluginId: 'customer-kpis',
  moduleId: 'fake-source',
  register(env) {
    env.registerInit({
      deps: { sources: customerKpisSourcesExtensionPoint },
      async init({ sources }) {
        sources.addSourceType(fakeSourceType);
      },
    });
  },
});
