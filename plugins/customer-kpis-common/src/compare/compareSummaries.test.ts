import {
  adoption,
  csat,
  effort,
  nps,
  resolutions,
} from '../__testUtils__/summaries';
import { compareSummaries, kpiComparisonSchema } from './compareSummaries';

describe('compareSummaries', () => {
  it('calls a significant rise of CSAT better (two-proportion z)', () => {
    const comparison = compareSummaries(
      csat(30, 20).summary,
      csat(45, 5).summary,
    );
    expect(comparison).toMatchObject({
      kpi: 'satisfaction',
      previous: 60,
      current: 90,
      delta: 30,
      significant: true,
      test: 'two-proportion-z',
      change: 'better',
    });
    expect(comparison.pValue).toBeCloseTo(0.000532, 5);
    expect(kpiComparisonSchema.parse(comparison)).toEqual(comparison);
  });

  it('does not call a move that is not significant better', () => {
    const comparison = compareSummaries(
      csat(30, 20).summary,
      csat(33, 17).summary,
    );
    expect(comparison).toMatchObject({
      delta: 6,
      significant: false,
      change: 'no-significant-change',
    });
    expect(comparison.pValue).toBeCloseTo(0.5346, 3);
  });

  it('never calls a change significant below the minimum sample', () => {
    expect(
      compareSummaries(csat(2, 18).summary, csat(20, 0).summary),
    ).toMatchObject({
      delta: 90,
      significant: false,
      change: 'insufficient-data',
      reason: 'fewer than 30 in a period',
    });
    expect(
      compareSummaries(csat(2, 18).summary, csat(20, 0).summary, {
        minimumSample: 10,
      }),
    ).toMatchObject({
      significant: true,
      change: 'better',
    });
  });

  it('tests NPS by the difference of scores with the +1/0/−1 variances', () => {
    const comparison = compareSummaries(
      nps(32, 13, 6).summary,
      nps(10, 11, 30).summary,
    );
    expect(comparison.test).toBe('nps-difference-z');
    expect(comparison.delta).toBeCloseTo(-90.196, 3);
    expect(comparison).toMatchObject({ significant: true, change: 'worse' });
  });

  it('tests customer effort means by Welch’s t, and refuses to compare two scales', () => {
    const before = effort(7, [
      ...Array(20).fill(4),
      ...Array(20).fill(5),
    ]).summary;
    const after = effort(7, [
      ...Array(20).fill(6),
      ...Array(20).fill(7),
    ]).summary;
    expect(compareSummaries(before, after)).toMatchObject({
      test: 'welch-t',
      delta: 2,
      significant: true,
      change: 'better',
    });
    const fivePoint = effort(5, [...Array(40).fill(4)]).summary;
    expect(compareSummaries(before, fivePoint)).toMatchObject({
      test: 'none',
      significant: false,
      change: 'insufficient-data',
      reason: 'the periods are on different answer scales',
    });
  });

  it('tests durations by Welch’s t on ln(1 + minutes); longer resolution is worse', () => {
    const spread = (scale: number) =>
      Array.from({ length: 40 }, (_, i) => scale * (1 + (i % 5)));
    const comparison = compareSummaries(
      resolutions(spread(60)).summary,
      resolutions(spread(600)).summary,
    );
    expect(comparison).toMatchObject({
      test: 'welch-t-log-duration',
      significant: true,
      change: 'worse',
    });
    expect(comparison.delta! / 1620).toBeCloseTo(1, 1);
    expect(
      compareSummaries(
        resolutions(spread(60)).summary,
        resolutions(spread(60), 0.5).summary,
      ),
    ).toMatchObject({
      change: 'insufficient-data',
      reason: 'the periods use calendar and business time',
    });
  });

  it('compares adoption as two proportions without a minimum sample (a census)', () => {
    expect(
      compareSummaries(
        adoption('2025-02-01', 5, 5, 20).summary,
        adoption('2025-03-01', 15, 15, 20).summary,
      ),
    ).toMatchObject({
      delta: 50,
      significant: true,
      change: 'better',
      test: 'two-proportion-z',
    });
  });

  it('says insufficient data when a period has none, and refuses to compare two KPIs', () => {
    expect(
      compareSummaries(csat(0, 0).summary, csat(30, 20).summary),
    ).toMatchObject({
      delta: null,
      significant: false,
      change: 'insufficient-data',
    });
    expect(() =>
      compareSummaries(csat(1, 1).summary, nps(1, 1, 1).summary),
    ).toThrow('Cannot compare satisfaction with recommend');
  });
});
