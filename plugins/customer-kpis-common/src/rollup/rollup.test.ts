import {
  adoption,
  csat,
  effort,
  resolutions,
} from '../__testUtils__/summaries';
import { mergeAll } from '../aggregates';
import { rollup, rollupOfMembers } from './rollup';

describe('rollup', () => {
  it('gives the pooled value beside the unweighted mean of the entities', () => {
    const result = rollup('satisfaction', [
      csat(30, 10).aggregate,
      csat(1, 0).aggregate,
      csat(0, 0).aggregate,
    ]);
    expect(result.pooled.value).toBeCloseTo((31 / 41) * 100, 12);
    expect(result.pooled.n).toBe(41);
    expect(result.unweightedMean).toBe(87.5);
    expect(result).toMatchObject({
      kpi: 'satisfaction',
      entities: 3,
      entitiesWithData: 2,
      warnings: [],
    });
  });

  it('gives no data for no entities', () => {
    expect(rollup('recommend', [])).toMatchObject({
      entities: 0,
      unweightedMean: null,
      pooled: { value: null, n: 0 },
    });
  });

  it('warns that active users are summed, and when entities reported on different days', () => {
    const result = rollup('adoption', [
      adoption('2025-03-02', 10, 50, 100).aggregate,
      adoption('2025-03-01', 10, 10, 100).aggregate,
    ]);
    expect(result.pooled.value).toBe(50);
    expect(result.unweightedMean).toBe(30);
    expect(result.warnings).toEqual([
      'Active users are summed across entities, assuming their user bases do not overlap.',
      'Only 1 of 2 entities reported on 2025-03-02; the pooled value reads that day.',
    ]);
  });

  it('keeps customer effort scales apart', () => {
    const result = rollup('customer-effort', [
      effort(7, [6, 6]).aggregate,
      effort(5, [5]).aggregate,
    ]);
    expect(result.pooled.value).toBe(6);
    expect(result.unweightedMean).toBe(6);
    expect(result.entitiesWithData).toBe(1);
    expect(result.warnings).toEqual([
      'Customer effort answers on a 5-point scale are left out of the 7-point values.',
    ]);
  });

  it('reads every entity on the pooled time basis', () => {
    const result = rollup('time-to-resolve', [
      resolutions([100, 100], 0.5).aggregate,
      resolutions([100]).aggregate,
    ]);
    expect(result.pooled.basis).toBe('calendar');
    expect(result.unweightedMean).toBeCloseTo(100, 0);
    expect(result.warnings).toEqual([
      'Not every ticket has business time: the rollup reads calendar time for all entities.',
    ]);
  });

  it('rolls up from known member summaries exactly as from the aggregates', () => {
    const members = [csat(30, 10), csat(1, 0), csat(0, 0)];
    const aggregates = members.map(m => m.aggregate);
    expect(
      rollupOfMembers(
        'satisfaction',
        mergeAll('satisfaction', aggregates),
        members.map(m => ({ summary: m.summary })),
      ),
    ).toEqual(rollup('satisfaction', aggregates));
  });

  it('summarises again a member whose known summary is on another time basis than the pooled one', () => {
    // The first member's own summary reads business time (every ticket has it); the pool reads calendar time.
    const members = [resolutions([100, 100], 0.5), resolutions([300])];
    expect(members[0].summary.value).toBeCloseTo(50, 0);
    const result = rollupOfMembers(
      'time-to-resolve',
      mergeAll(
        'time-to-resolve',
        members.map(m => m.aggregate),
      ),
      members,
    );
    expect(result).toEqual(
      rollup(
        'time-to-resolve',
        members.map(m => m.aggregate),
      ),
    );
    // Calendar medians of 100 and 300 (within the histogram's relative error), not 50 and 300.
    expect(Math.abs(result.unweightedMean! - 200)).toBeLessThan(5);
    expect(() =>
      rollupOfMembers(
        'time-to-resolve',
        mergeAll(
          'time-to-resolve',
          members.map(m => m.aggregate),
        ),
        members.map(m => ({ summary: m.summary })),
      ),
    ).toThrow('neither a usable summary nor an aggregate');
  });
});
