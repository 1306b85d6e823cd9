import {
  Z_95,
  logGamma,
  normalCdf,
  normalTwoSidedPValue,
  regularizedIncompleteBeta,
  studentT95,
  studentTTwoSidedPValue,
} from './distributions';

describe('normal distribution', () => {
  it('puts 97.5% below Z_95 and 50% below 0', () => {
    expect(normalCdf(Z_95)).toBeCloseTo(0.975, 6);
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 6);
  });

  it('gives two-sided p-values', () => {
    expect(normalTwoSidedPValue(Z_95)).toBeCloseTo(0.05, 6);
    expect(normalTwoSidedPValue(-2.576)).toBeCloseTo(0.01, 4);
    expect(normalTwoSidedPValue(0)).toBeCloseTo(1, 6);
  });
});

describe('Student t distribution', () => {
  it('has the textbook 97.5% quantiles', () => {
    expect(studentT95(1)).toBeCloseTo(12.7062, 3);
    expect(studentT95(2)).toBeCloseTo(4.3027, 4);
    expect(studentT95(10)).toBeCloseTo(2.2281, 4);
    expect(studentT95(49)).toBeCloseTo(2.0096, 4);
    expect(studentT95(1e6)).toBeCloseTo(Z_95, 4);
  });

  it('gives two-sided p-values, also for fractional degrees of freedom', () => {
    expect(studentTTwoSidedPValue(2.2281389, 10)).toBeCloseTo(0.05, 6);
    expect(studentTTwoSidedPValue(0, 7.5)).toBeCloseTo(1, 10);
    expect(studentTTwoSidedPValue(Infinity, 3)).toBe(0);
  });

  it('rests on ln Γ and the incomplete beta function', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(regularizedIncompleteBeta(0.5, 2, 2)).toBeCloseTo(0.5, 12);
    expect(regularizedIncompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12);
  });
});
