import { computeNps, npsCountsFromDistribution } from './nps';

const round2 = (x: number | null | undefined) =>
  x === null || x === undefined ? x : Math.round(x * 100) / 100;

describe('computeNps', () => {
  it('computes the public vector: 32 promoters, 13 passives, 6 detractors → NPS 50.98, Wald [31.86, 70.10]', () => {
    const result = computeNps({ promoters: 32, passives: 13, detractors: 6 });
    expect(result.n).toBe(51);
    expect(round2(result.nps)).toBe(50.98);
    expect(round2(result.wald!.low)).toBe(31.86);
    expect(round2(result.wald!.high)).toBe(70.1);
    expect(round2(result.marginOfError)).toBe(19.12);
  });

  it('computes the variance of the +1/0/−1 answer: (p + d) − (p − d)²', () => {
    const result = computeNps({ promoters: 32, passives: 13, detractors: 6 });
    expect(result.variance).toBeCloseTo(38 / 51 - (26 / 51) ** 2, 12);
  });

  it('computes the adjusted-Wald interval with ¾ added to promoters and detractors and 3 to n', () => {
    const result = computeNps({ promoters: 32, passives: 13, detractors: 6 });
    // p = 32.75 / 54, d = 6.75 / 54: NPS' = 48.148, Var = 39.5 / 54 − (26 / 54)² = 0.49966 → half-width 18.853.
    expect(round2(result.adjustedWald!.low)).toBe(29.29);
    expect(round2(result.adjustedWald!.high)).toBe(67);
  });

  it('clamps both intervals to [−100, 100]', () => {
    const allPromoters = computeNps({
      promoters: 3,
      passives: 0,
      detractors: 0,
    });
    expect(allPromoters.nps).toBe(100);
    expect(allPromoters.wald).toEqual({ low: 100, high: 100 });
    expect(allPromoters.adjustedWald!.high).toBe(100);
    expect(allPromoters.adjustedWald!.low).toBeLessThan(100);
    const nearlyAllDetractors = computeNps({
      promoters: 0,
      passives: 1,
      detractors: 4,
    });
    expect(nearlyAllDetractors.wald!.low).toBe(-100);
  });

  it('gives no data (null), never 0, when there are no answers', () => {
    expect(computeNps({ promoters: 0, passives: 0, detractors: 0 })).toEqual({
      n: 0,
      nps: null,
      variance: null,
      marginOfError: null,
      wald: null,
      adjustedWald: null,
    });
  });
});

describe('npsCountsFromDistribution', () => {
  it('groups 0–6 as detractors, 7–8 as passives, 9–10 as promoters', () => {
    expect(
      npsCountsFromDistribution([1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 3]),
    ).toEqual({
      detractors: 7,
      passives: 4,
      promoters: 6,
    });
  });
});
