import { npsDifferenceTest, twoProportionZTest, welchTTest } from './tests';

describe('twoProportionZTest', () => {
  it('tests 30/50 against 45/50 with the pooled proportion: z = 3.464, p = 0.00053', () => {
    const result = twoProportionZTest(30, 50, 45, 50)!;
    expect(result.statistic).toBeCloseTo(Math.sqrt(12), 10);
    expect(result.pValue).toBeCloseTo(0.000532, 5);
  });

  it('finds no difference between equal proportions, and nothing to test without answers', () => {
    expect(twoProportionZTest(5, 10, 10, 20)).toEqual({
      statistic: 0,
      pValue: 1,
    });
    expect(twoProportionZTest(10, 10, 20, 20)).toEqual({
      statistic: 0,
      pValue: 1,
    });
    expect(twoProportionZTest(0, 0, 1, 2)).toBeNull();
  });
});

describe('npsDifferenceTest', () => {
  it('adds the two +1/0/−1 variances: NPS 50.98 (n 51) against −39.22 (n 51) gives z = −6.10', () => {
    const result = npsDifferenceTest(
      { promoters: 32, passives: 13, detractors: 6 },
      { promoters: 10, passives: 11, detractors: 30 },
    )!;
    expect(result.statistic).toBeCloseTo(-6.098, 2);
    expect(result.pValue).toBeLessThan(1e-8);
  });

  it('is certain when neither period varies', () => {
    expect(
      npsDifferenceTest(
        { promoters: 5, passives: 0, detractors: 0 },
        { promoters: 0, passives: 0, detractors: 5 },
      ),
    ).toEqual({
      statistic: -Infinity,
      pValue: 0,
    });
  });
});

describe('welchTTest', () => {
  it('uses Welch–Satterthwaite degrees of freedom', () => {
    // mean 5 (sd 1, n 30) against 5.5 (sd 2, n 40): se² = 1/30 + 4/40 = 0.13333, t = 1.3693, df = 60.32.
    const result = welchTTest(
      { mean: 5, sd: 1, n: 30 },
      { mean: 5.5, sd: 2, n: 40 },
    )!;
    expect(result.statistic).toBeCloseTo(0.5 / Math.sqrt(0.4 / 3), 10);
    expect(result.df).toBeCloseTo(60.32, 2);
    expect(result.pValue).toBeCloseTo(0.176, 3);
  });

  it('needs two values per sample', () => {
    expect(
      welchTTest({ mean: 5, sd: 0, n: 1 }, { mean: 5, sd: 1, n: 10 }),
    ).toBeNull();
  });
});
