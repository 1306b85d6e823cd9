import { meanFromCounts } from './mean';

describe('meanFromCounts', () => {
  it('computes the CSAT vector mean 3.5 from 5×1, 5×2, 10×3, 20×4, 10×5', () => {
    const result = meanFromCounts([5, 5, 10, 20, 10], 1);
    expect(result.n).toBe(50);
    expect(result.mean).toBe(3.5);
    // Σ(x − 3.5)² = 5·6.25 + 5·2.25 + 10·0.25 + 20·0.25 + 10·2.25 = 72.5; sd = √(72.5 / 49).
    expect(result.sd).toBeCloseTo(Math.sqrt(72.5 / 49), 12);
    expect(result.interval!.low).toBeCloseTo(
      3.5 - (2.00958 * Math.sqrt(72.5 / 49)) / Math.sqrt(50),
      4,
    );
    expect(result.interval!.high).toBeCloseTo(
      3.5 + (2.00958 * Math.sqrt(72.5 / 49)) / Math.sqrt(50),
      4,
    );
  });

  it('gives a mean but no spread for one answer, and nothing for none', () => {
    expect(meanFromCounts([0, 1, 0], 1)).toEqual({
      n: 1,
      mean: 2,
      sd: null,
      interval: null,
    });
    expect(meanFromCounts([0, 0, 0], 1)).toEqual({
      n: 0,
      mean: null,
      sd: null,
      interval: null,
    });
  });
});
