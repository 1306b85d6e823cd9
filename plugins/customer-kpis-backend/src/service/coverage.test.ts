import { EntityRecord } from '../database/EntityStore';
import { buildCoverage, SourceLandscape } from './coverage';

const now = new Date('2026-06-30T12:00:00Z');

function entity(
  name: string,
  annotations: Record<string, string> = {},
): EntityRecord {
  return {
    entityRef: `component:default/${name}`,
    kind: 'component',
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
});
