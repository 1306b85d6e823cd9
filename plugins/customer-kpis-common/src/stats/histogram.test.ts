import fc from 'fast-check';
import { quantile } from 'd3-array';
import {
  DURATION_HISTOGRAM_RELATIVE_ERROR,
  DurationHistogram,
  bucketValue,
  bucketIndex,
  emptyHistogram,
  histogramAdd,
  histogramCountAtMost,
  histogramFromJson,
  histogramJsonSchema,
  histogramLogMoments,
  histogramMean,
  histogramMedianInterval,
  histogramMerge,
  histogramQuantiles,
  histogramRemove,
  histogramToJson,
  minutesToMs,
} from './histogram';
import { exactDurationStatistics } from './quantiles';

const VECTOR = [30, 45, 60, 90, 120, 240, 480, 720, 1440, 2880];
const fromMinutes = (minutes: number[]) =>
  minutes.reduce(
    (h: DurationHistogram, m) => histogramAdd(h, minutesToMs(m)),
    emptyHistogram(),
  );
const withinRelativeError = (estimate: number, exact: number) =>
  Math.abs(estimate - exact) <=
  DURATION_HISTOGRAM_RELATIVE_ERROR * exact + 1e-9;

describe('exact duration statistics (d3-array)', () => {
  it('gives the public vector exactly: median 180, p90 1584, mean 610.5', () => {
    expect(exactDurationStatistics(VECTOR)).toEqual({
      n: 10,
      p50: 180,
      p90: 1584,
      mean: 610.5,
    });
  });

  it('gives nulls without durations', () => {
    expect(exactDurationStatistics([])).toEqual({
      n: 0,
      p50: null,
      p90: null,
      mean: null,
    });
  });
});

describe('DurationHistogram', () => {
  it('states a relative error of at most 1%', () => {
    expect(DURATION_HISTOGRAM_RELATIVE_ERROR).toBeLessThanOrEqual(0.01);
  });

  it('reads the public vector within the stated relative error, and the mean exactly', () => {
    const histogram = fromMinutes(VECTOR);
    const [p50, p90] = histogramQuantiles(histogram, [0.5, 0.9]);
    expect(withinRelativeError(p50!, 180)).toBe(true);
    expect(withinRelativeError(p90!, 1584)).toBe(true);
    expect(histogramMean(histogram)).toBe(610.5);
    expect(histogram.count).toBe(10);
    expect(histogram.sumMs).toBe(6105 * 60000);
  });

  it('keeps every bucket representative within the relative error of the durations in it', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-4, max: 1e7, noNaN: true }), minutes => {
        expect(
          withinRelativeError(bucketValue(bucketIndex(minutes)), minutes),
        ).toBe(true);
      }),
    );
  });

  it('reads any quantile within the relative error of the exact type-7 quantile', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 60 * 24 * 365 * 60000 }), {
          minLength: 1,
          maxLength: 60,
        }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (durationsMs, p) => {
          const histogram = durationsMs.reduce(histogramAdd, emptyHistogram());
          const exact = quantile(
            durationsMs.map(ms => ms / 60000),
            p,
          )!;
          expect(
            withinRelativeError(histogramQuantiles(histogram, [p])[0]!, exact),
          ).toBe(true);
        },
      ),
    );
  });

  it('handles zero durations in their own count', () => {
    const histogram = fromMinutes([0, 0, 0, 10]);
    expect(histogram.zeros).toBe(3);
    expect(histogramQuantiles(histogram, [0, 0.5, 1])[0]).toBe(0);
    expect(histogramQuantiles(histogram, [0.5])[0]).toBe(0);
    expect(
      withinRelativeError(histogramQuantiles(histogram, [1])[0]!, 10),
    ).toBe(true);
    expect(histogramMean(histogram)).toBe(2.5);
    expect(histogramCountAtMost(histogram, 0)).toBe(3);
  });

  it('gives no data for an empty histogram', () => {
    expect(histogramQuantiles(emptyHistogram(), [0.5])).toEqual([null]);
    expect(histogramMean(emptyHistogram())).toBeNull();
    expect(histogramLogMoments(emptyHistogram())).toEqual({
      mean: null,
      sd: null,
    });
  });

  it('removes what was added, leaving no empty buckets behind', () => {
    const base = fromMinutes([5, 50]);
    expect(
      histogramRemove(histogramAdd(base, minutesToMs(500)), minutesToMs(500)),
    ).toEqual(base);
    expect(() => histogramRemove(base, minutesToMs(500))).toThrow(RangeError);
    expect(() => histogramRemove(emptyHistogram(), 0)).toThrow(RangeError);
  });

  it('merges to the histogram of all durations', () => {
    expect(histogramMerge(fromMinutes([1, 2, 3]), fromMinutes([3, 0]))).toEqual(
      fromMinutes([0, 1, 2, 3, 3]),
    );
  });

  it('counts durations within a target, including those in the target’s own bucket', () => {
    const histogram = fromMinutes(VECTOR);
    expect(histogramCountAtMost(histogram, 120)).toBe(5);
    expect(histogramCountAtMost(histogram, 119.9)).toBe(5);
    expect(histogramCountAtMost(histogram, 100)).toBe(4);
    expect(histogramCountAtMost(histogram, -1)).toBe(0);
  });

  it('gives an order-statistic interval of the median from 6 durations on', () => {
    expect(histogramMedianInterval(fromMinutes([1, 2, 3, 4, 5]))).toBeNull();
    // n = 10: ranks ⌊5 − 3.099⌋ = 1 and ⌈6 + 3.099⌉ = 10.
    const interval = histogramMedianInterval(fromMinutes(VECTOR))!;
    expect(withinRelativeError(interval.low, 30)).toBe(true);
    expect(withinRelativeError(interval.high, 2880)).toBe(true);
  });

  it('round-trips through its compact JSON form and rejects inconsistent counts', () => {
    const histogram = fromMinutes([0, 0.001, 1, 100000]);
    const json = JSON.parse(JSON.stringify(histogramToJson(histogram)));
    expect(histogramFromJson(histogramJsonSchema.parse(json))).toEqual(
      histogram,
    );
    expect(histogramJsonSchema.safeParse({ ...json, n: 5 }).success).toBe(
      false,
    );
    expect(
      histogramJsonSchema.safeParse({ ...json, b: [[1, 0]] }).success,
    ).toBe(false);
    expect(
      histogramJsonSchema.safeParse({
        ...json,
        n: json.n + 1,
        b: [...json.b, json.b[0]],
      }).success,
    ).toBe(false);
    expect(
      histogramJsonSchema.safeParse({ ...json, b: [...json.b].reverse() })
        .success,
    ).toBe(false);
  });
});
