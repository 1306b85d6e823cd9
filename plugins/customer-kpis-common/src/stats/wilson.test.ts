import { wilsonInterval, wilsonPercentInterval } from './wilson';

const round2 = (x: number) => Math.round(x * 100) / 100;

describe('wilsonInterval', () => {
  it('gives the public CSAT vector: 30 of 50 → [46.18%, 72.39%]', () => {
    const interval = wilsonPercentInterval(30, 50)!;
    expect(round2(interval.low)).toBe(46.18);
    expect(round2(interval.high)).toBe(72.39);
  });

  it('does not collapse at 0% or 100%, and stays within [0, 1]', () => {
    const none = wilsonInterval(0, 10)!;
    expect(none.low).toBe(0);
    expect(round2(none.high * 100)).toBe(27.75);
    const all = wilsonInterval(10, 10)!;
    expect(all.high).toBeCloseTo(1, 12);
    expect(all.high).toBeLessThanOrEqual(1);
    expect(round2(all.low * 100)).toBe(72.25);
  });

  it('is undefined without answers', () => {
    expect(wilsonInterval(0, 0)).toBeUndefined();
  });
});
