// A scriptable data-source type for tests: it serves pages of NPS answers and can be told to fail at a page once.
import { createBackendModule } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  CustomerKpisSourceType,
  customerKpisSourcesExtensionPoint,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { z } from 'zod';

/** The script of the fake source: answers per page, and the page (1-based) that fails the next run, if any. */
export const fakeSourceScript = {
  pages: [[10, 9], [0, 8], [10]] as number[][],
  failAtPage: undefined as number | undefined,
  day: '2026-06-29',
};

const configSchema = z.object({
  label: z.string().min(1),
  credential: z.string().optional(),
});

/** Pages of NPS answers for every entity with `test.io/fake`; the cursor is the index of the next page. */
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
  async *pull({ entities, cursor }) {
    const start = typeof cursor === 'number' ? cursor : 0;
    for (let page = start; page < fakeSourceScript.pages.length; page++) {
      if (fakeSourceScript.failAtPage === page + 1) {
        fakeSourceScript.failAtPage = undefined;
        throw new Error(`upstream broke at page ${page + 1}`);
      }
      yield {
        observations: entities.flatMap(entity =>
          fakeSourceScript.pages[page].map((score, i) => ({
            id: `${stringifyEntityRef(entity)}:${page}:${i}`,
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
