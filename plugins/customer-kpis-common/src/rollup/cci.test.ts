import { csat, nps } from '../__testUtils__/summaries';
import { customerCentricityIndex, kpiScore } from './cci';
import { equalWeights, resolveWeights } from './weights';

describe('kpiScore', () => {
  it('scores 100 at the target, 50 at the warning, 0 one gap beyond it, linear between', () => {
    const thresholds = { target: 80, warning: 70 };
    expect(
      [90, 80, 75, 70, 65, 60, 10].map(v => kpiScore(v, thresholds, 'higher')),
    ).toEqual([100, 100, 75, 50, 25, 0, 0]);
  });

  it('mirrors for lower-is-better KPIs', () => {
    const thresholds = { target: 1440, warning: 4320 };
    expect(
      [60, 1440, 2880, 4320, 5760, 9999].map(v =>
        kpiScore(v, thresholds, 'lower'),
      ),
    ).toEqual([100, 100, 75, 50, 25, 0]);
  });

  it('is all or nothing when target and warning coincide', () => {
    expect(kpiScore(50, { target: 50, warning: 50 }, 'higher')).toBe(100);
    expect(kpiScore(49, { target: 50, warning: 50 }, 'higher')).toBe(0);
  });
});

describe('customerCentricityIndex', () => {
  it('averages the scores with the weights, over the KPIs that have enough data', () => {
    const result = customerCentricityIndex(
      {
        satisfaction: csat(30, 10).summary,
        recommend: nps(20, 25, 5).summary,
        retention: undefined,
      },
      { satisfaction: { target: 80, warning: 70 } },
      { ...equalWeights(), recommend: 2 },
    );
    // satisfaction 75% → 75; NPS 30 against the default 30/0 → 100: (1·75 + 2·100) / 3.
    expect(result.value).toBeCloseTo(275 / 3, 12);
    expect(result.coverage).toBe(3 / 8);
    expect(result.components.find(c => c.kpi === 'recommend')).toEqual({
      kpi: 'recommend',
      weight: 2,
      score: 100,
      status: 'good',
      included: true,
    });
    expect(result.components.find(c => c.kpi === 'adoption')).toEqual({
      kpi: 'adoption',
      weight: 1,
      score: null,
      status: 'insufficient-data',
      included: false,
    });
  });

  it('leaves out KPIs below the minimum sample and KPIs weighted 0; null when nothing is left', () => {
    const small = { satisfaction: csat(5, 0).summary };
    expect(customerCentricityIndex(small, {}, equalWeights()).value).toBeNull();
    expect(
      customerCentricityIndex(small, {}, equalWeights(), { minimumSample: 5 })
        .value,
    ).toBe(100);
    expect(
      customerCentricityIndex(
        small,
        {},
        { ...equalWeights(), satisfaction: 0 },
        { minimumSample: 5 },
      ).value,
    ).toBeNull();
  });
});

describe('resolveWeights', () => {
  const config = {
    default: { recommend: 2 },
    entities: [
      {
        entity: 'domain:default/payments',
        weights: { adoption: 0, retention: 4 },
      },
      { entity: 'system:default/checkout', weights: { adoption: 3 } },
      { entity: 'Component:Shop', weights: { satisfaction: 5 } },
    ],
  };

  it('gives equal weights without config', () => {
    expect(resolveWeights()).toEqual(equalWeights());
  });

  it('overlays default, domain, system and component; the most specific wins per KPI', () => {
    expect(
      resolveWeights({
        config,
        domain: 'domain:default/payments',
        system: 'system:default/checkout',
        component: 'component:default/shop',
      }),
    ).toEqual({
      adoption: 3,
      'time-to-value': 1,
      'time-to-resolve': 1,
      'customer-effort': 1,
      satisfaction: 5,
      retention: 4,
      recommend: 2,
    });
    expect(
      resolveWeights({ config, domain: 'domain:default/payments' }),
    ).toMatchObject({ adoption: 0, recommend: 2 });
  });
});
