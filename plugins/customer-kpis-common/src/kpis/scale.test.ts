import { KPI_IDS } from './ids';
import { clampToRange, kpiAxis, kpiValueRange } from './scale';

describe('the range of each KPI', () => {
  it('is 0–100 for percentages, −100…100 for NPS, 1 to the answer scale for effort, from 0 for durations', () => {
    expect(kpiValueRange('satisfaction')).toEqual({ min: 0, max: 100 });
    expect(kpiValueRange('adoption')).toEqual({ min: 0, max: 100 });
    expect(kpiValueRange('retention')).toEqual({ min: 0, max: 100 });
    expect(kpiValueRange('recommend')).toEqual({ min: -100, max: 100 });
    expect(kpiValueRange('customer-effort')).toEqual({ min: 1, max: 7 });
    expect(kpiValueRange('customer-effort', 5)).toEqual({ min: 1, max: 5 });
    expect(kpiValueRange('time-to-value')).toEqual({ min: 0, max: null });
    expect(kpiValueRange('time-to-resolve')).toEqual({ min: 0, max: null });
  });

  it('clamps an interval bound computed past the scale to its end', () => {
    expect(clampToRange(-112, kpiValueRange('recommend'))).toBe(-100);
    expect(clampToRange(7.3, kpiValueRange('customer-effort'))).toBe(7);
    expect(clampToRange(5.3, kpiValueRange('customer-effort', 5))).toBe(5);
    expect(clampToRange(-4, kpiValueRange('time-to-value'))).toBe(0);
    expect(clampToRange(1e6, kpiValueRange('time-to-value'))).toBe(1e6);
    expect(clampToRange(42, kpiValueRange('satisfaction'))).toBe(42);
  });
});

describe('the axis of a KPI chart', () => {
  const steps = (ticks: number[]) =>
    ticks.slice(1).map((tick, i) => +(tick - ticks[i]).toFixed(9));

  it('never runs past the effort scale, even for an interval beyond 7', () => {
    const axis = kpiAxis('customer-effort', [5.4, 6.1, 4.2, 7.4]);
    expect(axis.domain).toEqual([4, 7]);
    expect(axis.ticks).toEqual([4, 4.5, 5, 5.5, 6, 6.5, 7]);
    expect(kpiAxis('customer-effort', [1.2, 7.9]).domain).toEqual([1, 7]);
    expect(kpiAxis('customer-effort', [4.1, 4.9], { effortScale: 5 })).toEqual({
      domain: [4, 5],
      ticks: [4, 4.2, 4.4, 4.6, 4.8, 5],
    });
  });

  it('keeps NPS within −100…100 and percentages within 0–100', () => {
    expect(kpiAxis('recommend', [-130, 30, 95]).domain).toEqual([-100, 100]);
    expect(kpiAxis('recommend', [-12, 30, 71])).toEqual({
      domain: [-20, 80],
      ticks: [-20, 0, 20, 40, 60, 80],
    });
    expect(kpiAxis('satisfaction', [58, 97, 101]).domain).toEqual([50, 100]);
  });

  it('gives evenly spaced ticks that end at the bounds', () => {
    for (const kpi of KPI_IDS) {
      const axis = kpiAxis(kpi, [3.3, 47.1, 12.8]);
      expect(new Set(steps(axis.ticks)).size).toBe(1);
      expect(axis.ticks[0]).toBeGreaterThanOrEqual(axis.domain[0]);
      expect(axis.ticks[axis.ticks.length - 1]).toBeLessThanOrEqual(
        axis.domain[1],
      );
    }
    expect(kpiAxis('satisfaction', [61.7, 63.4, 72.9]).ticks).toEqual([
      60, 62, 64, 66, 68, 70, 72, 74,
    ]);
  });

  it('does not blow noise up: a flat series gets at least the unit’s narrowest span', () => {
    expect(kpiAxis('satisfaction', [60.1, 60.3]).domain).toEqual([54, 66]);
    expect(kpiAxis('recommend', [50]).domain).toEqual([40, 60]);
    expect(kpiAxis('customer-effort', [5.4]).domain).toEqual([4.8, 6]);
    // Next to an end of the scale the span shifts inside it rather than being cut.
    expect(kpiAxis('retention', [99.5]).domain).toEqual([90, 100]);
    expect(kpiAxis('adoption', [0.5]).domain).toEqual([0, 10]);
  });

  it('starts at zero when asked, as bars need', () => {
    expect(kpiAxis('retention', [88, 93], { includeZero: true })).toEqual({
      domain: [0, 100],
      ticks: [0, 20, 40, 60, 80, 100],
    });
  });

  it('ticks durations in whole steps of the unit their largest value reads in, from zero', () => {
    expect(kpiAxis('time-to-value', [3600, 7200, 2880])).toEqual({
      domain: [0, 5 * 1440],
      ticks: [0, 1, 2, 3, 4, 5].map(days => days * 1440),
      durationUnit: 'days',
    });
    expect(kpiAxis('time-to-resolve', [180, 1100])).toEqual({
      domain: [0, 20 * 60],
      ticks: [0, 5, 10, 15, 20].map(hours => hours * 60),
      durationUnit: 'hours',
    });
    expect(kpiAxis('time-to-resolve', [12, 41])).toEqual({
      domain: [0, 50],
      ticks: [0, 10, 20, 30, 40, 50],
      durationUnit: 'minutes',
    });
    expect(kpiAxis('time-to-resolve', [])).toEqual({
      domain: [0, 60],
      ticks: [0, 10, 20, 30, 40, 50, 60],
      durationUnit: 'minutes',
    });
  });
});
