import { Entity } from '@backstage/catalog-model';
import {
  DEMO_ANNOTATION,
  KPI_IDS,
  Observation,
  observationDay,
  parseObservation,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { SourcePage } from '@customer-kpis/backstage-plugin-customer-kpis-node';
import {
  PullPagesOptions,
  pullPages,
} from '@customer-kpis/backstage-plugin-customer-kpis-node/testUtils';
import { demoConfigSchema, demoSourceType } from './demoSourceType';

function component(
  name: string,
  options: { lifecycle?: string; tags?: string[]; demo?: string } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      tags: options.tags ?? [],
      annotations: { [DEMO_ANNOTATION]: options.demo ?? 'enabled' },
    },
    spec: {
      type: 'service',
      lifecycle: options.lifecycle ?? 'production',
      owner: 'team-a',
    },
  };
}

/** Products like those of the demo catalog, one of each profile. */
const products = {
  typical: component('cart-service', { tags: ['cart', 'pricing'] }),
  checkout: component('checkout-service', { tags: ['checkout', 'orders'] }),
  legacy: component('gift-cards-legacy', {
    lifecycle: 'deprecated',
    tags: ['gift-cards', 'legacy'],
  }),
  pilot: component('visual-search', {
    lifecycle: 'experimental',
    tags: ['search', 'pilot'],
  }),
  support: component('support-portal', { tags: ['support', 'web'] }),
};
const entities = Object.values(products);
const refOf = (entity: Entity) => `component:default/${entity.metadata.name}`;

const NOW = new Date('2026-11-23T10:00:00Z');

/** A pull of the products at NOW with the default config; the demo type uses no credential. */
const pull = (options: Partial<PullPagesOptions> = {}) =>
  pullPages(demoSourceType, { config: {}, entities, now: NOW, ...options });

// in the order generated, page by page (the shared observationsOf sorts by id)
const observationsOf = (pages: SourcePage[]) =>
  pages.flatMap(page => page.observations);

function npsOf(observations: Observation[]) {
  const scores = observations.flatMap(o =>
    o.kpi === 'recommend' ? [o.score] : [],
  );
  const promoters = scores.filter(score => score >= 9).length;
  const detractors = scores.filter(score => score <= 6).length;
  return {
    n: scores.length,
    nps: (100 * (promoters - detractors)) / scores.length,
  };
}

function medianResolveHours(observations: Observation[]) {
  const hours = observations
    .flatMap(o =>
      o.kpi === 'time-to-resolve'
        ? [(Date.parse(o.resolvedAt) - Date.parse(o.openedAt)) / 3_600_000]
        : [],
    )
    .sort((a, b) => a - b);
  return hours[Math.floor(hours.length / 2)];
}

describe('demoSourceType', () => {
  let history: Observation[];
  let historyPages: SourcePage[];
  beforeAll(async () => {
    historyPages = await pull();
    history = observationsOf(historyPages);
  });
  const ofEntity = (entity: Entity) =>
    history.filter(o => o.entityRef === refOf(entity));
  const firstHalf = (o: Observation) => observationDay(o) < '2026-08-26';
  const lastNinetyDays = (o: Observation) => !firstHalf(o);

  it('declares the demo annotation and every KPI', () => {
    expect(demoSourceType.id).toBe('demo');
    expect(demoSourceType.annotation).toBe('customer-kpis.io/demo');
    expect([...demoSourceType.kpis]).toEqual([...KPI_IDS]);
  });

  it('binds only entities annotated customer-kpis.io/demo: enabled', () => {
    expect(demoSourceType.isAvailable(component('a'))).toBe(true);
    expect(
      demoSourceType.isAvailable(component('a', { demo: 'Enabled ' })),
    ).toBe(true);
    expect(
      demoSourceType.isAvailable(component('a', { demo: 'disabled' })),
    ).toBe(false);
    const bare = component('a');
    bare.metadata.annotations = {};
    expect(demoSourceType.isAvailable(bare)).toBe(false);
  });

  it('defaults to 180 days of history and rejects unknown config keys', () => {
    expect(demoConfigSchema.parse({})).toEqual({ days: 180, answersPerDay: 6 });
    expect(demoConfigSchema.safeParse({ dayz: 10 }).success).toBe(false);
    expect(demoConfigSchema.safeParse({ days: 0 }).success).toBe(false);
  });

  it('is deterministic: the same entities, config, cursor and time give identical pages', async () => {
    expect(await pull()).toEqual(historyPages);
  });

  it('emits only observations that parseObservation accepts unchanged, with unique stable ids', () => {
    for (const observation of history) {
      expect(parseObservation(observation)).toEqual(observation);
    }
    const ids = history.map(o => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain(
      'component:default/checkout-service:recommend:2026-11-20:0',
    );
    for (const o of history) {
      expect(o.id).toMatch(
        new RegExp(`^${o.entityRef}:${o.kpi}:${observationDay(o)}:\\d+$`),
      );
    }
  });

  it('produces every KPI for every entity over 180 days of history ending today', () => {
    for (const entity of entities) {
      const mine = ofEntity(entity);
      expect(new Set(mine.map(o => o.kpi))).toEqual(new Set(KPI_IDS));
      const days = mine.map(observationDay).sort();
      expect(days[0]).toBe('2026-05-28');
      expect(days[days.length - 1]).toBe('2026-11-23');
    }
  });

  it('has one adoption gauge per complete day and one retention period per complete month', () => {
    const mine = ofEntity(products.typical);
    const gauges = mine.filter(o => o.kpi === 'adoption');
    expect(gauges).toHaveLength(180 - 1); // not today, which is not over
    expect(gauges[gauges.length - 1]).toMatchObject({ date: '2026-11-22' });
    const periods = mine.flatMap(o =>
      o.kpi === 'retention' ? [`${o.periodStart}..${o.periodEnd}`] : [],
    );
    expect(periods).toEqual([
      '2026-05-01..2026-05-31',
      '2026-06-01..2026-06-30',
      '2026-07-01..2026-07-31',
      '2026-08-01..2026-08-31',
      '2026-09-01..2026-09-30',
      '2026-10-01..2026-10-31',
    ]);
  });

  it('never emits an event after now, and leaves journeys without value yet censored', () => {
    const nowIso = NOW.toISOString();
    const eventTimes = history.flatMap(o => {
      switch (o.kpi) {
        case 'time-to-resolve':
          return [o.openedAt, o.resolvedAt];
        case 'time-to-value':
          return o.valueAt ? [o.startedAt, o.valueAt] : [o.startedAt];
        default:
          return o.timestamp ? [o.timestamp] : [];
      }
    });
    expect(eventTimes.length).toBeGreaterThan(history.length / 2);
    expect(eventTimes.filter(time => time > nowIso)).toEqual([]);
    const journeys = history.filter(o => o.kpi === 'time-to-value');
    const censored = journeys.filter(
      o => o.kpi === 'time-to-value' && !o.valueAt,
    );
    expect(censored.length / journeys.length).toBeGreaterThan(0.05);
    expect(censored.length / journeys.length).toBeLessThan(0.5);
  });

  it('gives checkout a strong and improving NPS', () => {
    const mine = ofEntity(products.checkout);
    const before = npsOf(mine.filter(firstHalf));
    const after = npsOf(mine.filter(lastNinetyDays));
    expect(after.nps).toBeGreaterThan(40);
    expect(after.nps).toBeGreaterThan(before.nps + 5);
  });

  it('gives the deprecated gift cards a poor and declining NPS', () => {
    const mine = ofEntity(products.legacy);
    const before = npsOf(mine.filter(firstHalf));
    const after = npsOf(mine.filter(lastNinetyDays));
    expect(after.nps).toBeLessThan(0);
    expect(after.nps).toBeLessThan(before.nps - 10);
  });

  it('gives the experimental pilot too few answers in 90 days for the minimum sample of 30', () => {
    const recent = ofEntity(products.pilot).filter(lastNinetyDays);
    for (const kpi of ['recommend', 'satisfaction', 'customer-effort']) {
      const n = recent.filter(o => o.kpi === kpi).length;
      expect(n).toBeGreaterThan(0);
      expect(n).toBeLessThan(30);
    }
    expect(
      npsOf(ofEntity(products.typical).filter(lastNinetyDays)).n,
    ).toBeGreaterThan(200);
  });

  it('gives support components resolution times several times longer than others', () => {
    expect(medianResolveHours(ofEntity(products.support))).toBeGreaterThan(
      3 * medianResolveHours(ofEntity(products.typical)),
    );
  });

  it('yields one page per entity and month, each with the cursor of the last complete day', () => {
    expect(historyPages).toHaveLength(entities.length * 7); // May (4 days) … November
    const last = historyPages[historyPages.length - 1];
    expect(last.cursor).toEqual({
      version: 1,
      lastDay: Object.fromEntries(entities.map(e => [refOf(e), '2026-11-22'])),
    });
    const firstPage = historyPages[0];
    expect(new Set(firstPage.observations.map(o => o.entityRef))).toEqual(
      new Set([refOf(products.typical)]),
    );
    expect(firstPage.cursor).toEqual({
      version: 1,
      lastDay: { [refOf(products.typical)]: '2026-05-31' },
    });
  });

  it('resumes from the cursor of the last stored page without gaps, re-sending only today (not over yet) unchanged', async () => {
    const stored = observationsOf(historyPages.slice(0, 9)); // a crash after the ninth page
    const resumed = observationsOf(
      await pull({ cursor: historyPages[8].cursor }),
    );
    const storedById = new Map(stored.map(o => [o.id, o]));
    const resent = resumed.filter(o => storedById.has(o.id));
    expect(resent.length).toBeGreaterThan(0);
    expect(resent).toEqual(resent.map(o => storedById.get(o.id)));
    expect(
      new Set(
        resent.filter(o => o.kpi !== 'time-to-value').map(observationDay),
      ),
    ).toEqual(new Set(['2026-11-23']));
    expect(new Set([...stored, ...resumed].map(o => o.id))).toEqual(
      new Set(history.map(o => o.id)),
    );
  });

  it('generates only new days on the next run, and completes journeys that reached value since', async () => {
    const nextDay = new Date('2026-11-24T10:00:00Z');
    const cursor = historyPages[historyPages.length - 1].cursor;
    const next = observationsOf(await pull({ cursor, now: nextDay }));

    const newDays = new Set(
      next.filter(o => o.kpi !== 'time-to-value').map(observationDay),
    );
    expect([...newDays].sort()).toEqual(['2026-11-23', '2026-11-24']);

    const before = new Map(history.map(o => [o.id, o]));
    const completed = next.filter(o => {
      const old = before.get(o.id);
      return (
        o.kpi === 'time-to-value' &&
        old?.kpi === 'time-to-value' &&
        !old.valueAt &&
        o.valueAt
      );
    });
    expect(completed.length).toBeGreaterThan(0);
    const revisited = next.filter(
      o => o.kpi === 'time-to-value' && observationDay(o) < '2026-11-23',
    );
    expect(revisited.map(observationDay).sort()[0]).toBe('2026-11-10');
  });

  it('sends nothing new when run again the same moment', async () => {
    const cursor = historyPages[historyPages.length - 1].cursor;
    const again = observationsOf(await pull({ cursor }));
    const before = new Map(history.map(o => [o.id, o]));
    for (const o of again) {
      expect(before.get(o.id)).toEqual(o);
    }
  });

  it('generates only the configured KPIs', async () => {
    const pages = await pull({
      entities: [products.typical],
      config: { days: 10, kpis: ['adoption', 'recommend'] },
    });
    expect(new Set(observationsOf(pages).map(o => o.kpi))).toEqual(
      new Set(['adoption', 'recommend']),
    );
  });

  it('generates only the KPIs an entity lists in its annotation, leaving the others to real sources', async () => {
    const partial = component('customer-profile', {
      demo: 'recommend, satisfaction',
    });
    expect(demoSourceType.isAvailable(partial)).toBe(true);
    expect(
      demoSourceType.isAvailable(
        component('x', { demo: 'recommend,happiness' }),
      ),
    ).toBe(false);

    const pages = await pull({
      entities: [partial],
      config: { days: 10, kpis: ['adoption', 'recommend'] },
    });

    expect(new Set(observationsOf(pages).map(o => o.kpi))).toEqual(
      new Set(['recommend']),
    );
  });
});
