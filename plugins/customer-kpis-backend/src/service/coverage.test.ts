import { EntityRecord } from '../database/EntityStore';
import { buildCoverage, SourceLandscape } from './coverage';

const now = new Date('2026-06-30T12:00:00Z');

function entity(
  name: string,
  annotations: Record<string, string> = {},
  kind = 'component',
): EntityRecord {
  return {
    entityRef: `${kind}:default/${name}`,
    kind,
    namespace: 'default',
    name,
    title: null,
    owner: 'group:default/team',
    system: null,
    domain: null,
    lifecycle: 'production',
    tags: [],
    annotations,
  };
}

const landscape: SourceLandscape = {
  types: [
    {
      id: 'zendesk',
      kpis: ['time-to-resolve', 'satisfaction'],
      annotations: ['zendesk.com/group-id', 'zendesk.com/brand-id'],
    },
    {
      id: 'prometheus',
      kpis: ['adoption'],
      annotations: ['prometheus.io/active-users-selector'],
    },
  ],
  sources: [
    { id: 'zd', type: 'zendesk', lastRunFailed: true },
    { id: 'prom', type: 'prometheus', lastRunFailed: false },
  ],
};

describe('buildCoverage', () => {
  it('counts an entity bound by any of a type’s annotations, not only its main one', () => {
    const byBrand = entity('by-brand', { 'zendesk.com/brand-id': '7' });
    const coverage = buildCoverage(
      [byBrand],
      new Set([byBrand.entityRef]),
      [],
      landscape,
      now,
    );
    const [row] = coverage.rows;
    expect(row.bindings).toEqual(['zendesk.com/brand-id']);
    expect(row.cells['time-to-resolve']).toEqual({
      state: 'missing',
      lastDataAt: null,
      sources: [],
      reason: 'source-failing',
      failingSources: ['zd'],
    });
    expect(row.cells.adoption).toMatchObject({ reason: 'no-annotation' });
  });

  it('marks fresh data, stale data, and says why a KPI has none', () => {
    const bound = entity('bound', {
      'zendesk.com/group-id': '1',
      'prometheus.io/active-users-selector': 'app="x"',
    });
    const unbound = entity('unbound');
    const coverage = buildCoverage(
      [bound, unbound],
      new Set([bound.entityRef, unbound.entityRef]),
      [
        {
          entityRef: bound.entityRef,
          kpi: 'adoption',
          lastDataAt: '2026-06-30T08:00:00.000Z',
          sources: ['prom'],
        },
        {
          entityRef: bound.entityRef,
          kpi: 'satisfaction',
          lastDataAt: '2026-06-20T08:00:00.000Z',
          sources: ['zd'],
        },
      ],
      landscape,
      now,
    );

    const [b, u] = coverage.rows;
    expect(b.bindings).toEqual([
      'zendesk.com/group-id',
      'prometheus.io/active-users-selector',
    ]);
    expect(b.cells.adoption).toEqual({
      state: 'data',
      lastDataAt: '2026-06-30T08:00:00.000Z',
      sources: ['prom'],
    });
    expect(b.cells.satisfaction.state).toBe('stale');
    expect(b.cells['time-to-resolve']).toMatchObject({
      state: 'missing',
      reason: 'source-failing',
    });
    expect(b.cells.recommend).toMatchObject({
      state: 'missing',
      reason: 'no-source',
    });
    expect(u.cells.adoption).toMatchObject({
      state: 'missing',
      reason: 'no-annotation',
    });
  });

  it('says "no data yet" for a bound entity whose healthy source sent nothing, and lists data outside the catalog', () => {
    const bound = entity('bound', {
      'prometheus.io/active-users-selector': 'app="x"',
    });
    const coverage = buildCoverage(
      [bound],
      new Set([bound.entityRef]),
      [
        {
          entityRef: 'component:default/ghost',
          kpi: 'adoption',
          lastDataAt: '2026-06-29T00:00:00.000Z',
          sources: ['prom'],
        },
      ],
      landscape,
      now,
    );

    expect(coverage.rows[0].cells.adoption).toMatchObject({
      state: 'missing',
      reason: 'no-data-yet',
    });
    expect(coverage.orphans).toEqual([
      {
        entityRef: 'component:default/ghost',
        kpis: ['adoption'],
        lastDataAt: '2026-06-29T00:00:00.000Z',
      },
    ]);
  });

  it('names what fills each gap: the source types to configure, the annotations to add, the failing or silent sources', () => {
    const more: SourceLandscape = {
      types: [
        ...landscape.types,
        {
          id: 'jira',
          kpis: ['time-to-resolve'],
          annotations: ['jira/project-key'],
        },
        { id: 'typeform', kpis: ['recommend'], annotations: ['typeform/form'] },
        { id: 'qualtrics', kpis: ['recommend'], annotations: ['qualtrics/id'] },
      ],
      sources: [
        ...landscape.sources,
        { id: 'zd-eu', type: 'zendesk', lastRunFailed: false },
        { id: 'jira-a', type: 'jira', lastRunFailed: false },
      ],
    };
    const cells = (annotations: Record<string, string>) => {
      const e = entity('e', annotations);
      return buildCoverage([e], new Set([e.entityRef]), [], more, now).rows[0]
        .cells;
    };

    // no source of typeform or qualtrics is configured: both are named, and no annotation is asked for
    expect(cells({}).recommend).toEqual({
      state: 'missing',
      lastDataAt: null,
      sources: [],
      reason: 'no-source',
      sourceTypes: ['qualtrics', 'typeform'],
    });
    // the annotations of the configured types only (jira's and zendesk's; not of an unconfigured type)
    expect(cells({})['time-to-resolve']).toEqual({
      state: 'missing',
      lastDataAt: null,
      sources: [],
      reason: 'no-annotation',
      missingAnnotations: [
        'jira/project-key',
        'zendesk.com/brand-id',
        'zendesk.com/group-id',
      ],
    });
    // bound to zendesk: of its two sources, the failing one is named
    expect(
      cells({ 'zendesk.com/group-id': '1' })['time-to-resolve'],
    ).toMatchObject({ reason: 'source-failing', failingSources: ['zd'] });
    // bound to jira, whose source runs: it has sent nothing yet
    expect(cells({ 'jira/project-key': 'K' })['time-to-resolve']).toEqual({
      state: 'missing',
      lastDataAt: null,
      sources: [],
      reason: 'no-data-yet',
      pendingSources: ['jira-a'],
    });
  });

  it('pools a system with its components: their data, their bindings and how many there are', () => {
    const system = entity('shop', {}, 'system');
    const checkout = entity('checkout', {
      'prometheus.io/active-users-selector': 'app="checkout"',
    });
    const cart = entity('cart', { 'zendesk.com/group-id': '1' });
    const presence = [
      {
        entityRef: checkout.entityRef,
        kpi: 'adoption' as const,
        lastDataAt: '2026-06-29T00:00:00.000Z',
        sources: ['prom'],
      },
      {
        entityRef: system.entityRef,
        kpi: 'adoption' as const,
        lastDataAt: '2026-06-30T00:00:00.000Z',
        sources: ['api'],
      },
      {
        entityRef: cart.entityRef,
        kpi: 'satisfaction' as const,
        lastDataAt: '2026-06-01T00:00:00.000Z',
        sources: ['zd'],
      },
    ];
    const refs = new Set([system, checkout, cart].map(e => e.entityRef));
    const [row] = buildCoverage(
      [system],
      refs,
      presence,
      landscape,
      now,
      new Map([[system.entityRef, [checkout, cart]]]),
    ).rows;

    expect(row.members).toBe(2);
    expect(row.bindings).toEqual([]);
    expect(row.cells.adoption).toEqual({
      state: 'data',
      lastDataAt: '2026-06-30T00:00:00.000Z',
      sources: ['api', 'prom'],
    });
    expect(row.cells.satisfaction).toMatchObject({ state: 'stale' });
    // bound through cart: zendesk's failing run is the reason, not a missing annotation
    expect(row.cells['time-to-resolve']).toMatchObject({
      reason: 'source-failing',
      failingSources: ['zd'],
    });

    // without its components, the same system has only its own data
    const [alone] = buildCoverage(
      [system],
      refs,
      presence,
      landscape,
      now,
      new Map([[system.entityRef, []]]),
    ).rows;
    expect(alone.members).toBe(0);
    expect(alone.cells.adoption.sources).toEqual(['api']);
    expect(alone.cells.satisfaction).toMatchObject({
      state: 'missing',
      reason: 'no-annotation',
      missingAnnotations: ['zendesk.com/brand-id', 'zendesk.com/group-id'],
    });
  });
});
