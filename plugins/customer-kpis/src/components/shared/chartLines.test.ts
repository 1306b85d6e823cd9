import { lineParts, valueOrGap } from './chartLines';

const point = (value: number | null, partial = false, n = 10) => ({
  value,
  n: value === null ? 0 : n,
  partial,
});

describe('chart lines', () => {
  it('reads a period without data as a gap, never as 0, even where a source sent a value with it', () => {
    expect(valueOrGap(point(null))).toBeNull();
    expect(valueOrGap({ value: 0, n: 0, partial: false })).toBeNull();
    expect(valueOrGap({ value: 0, n: 12, partial: false })).toBe(0);
  });

  it('puts whole periods on the solid line and joins a partial last one to it by the dashed line', () => {
    expect(
      lineParts([point(60), point(62), point(64), point(30, true)]),
    ).toEqual([
      { solid: 60, dashed: null, alone: false },
      { solid: 62, dashed: null, alone: false },
      { solid: 64, dashed: 64, alone: false },
      { solid: null, dashed: 30, alone: false },
    ]);
  });

  it('dashes a shortened first period too', () => {
    expect(lineParts([point(5, true), point(6), point(7)])).toEqual([
      { solid: null, dashed: 5, alone: false },
      { solid: 6, dashed: 6, alone: false },
      { solid: 7, dashed: null, alone: false },
    ]);
  });

  it('leaves gaps open and flags a point between gaps, which only a dot can show', () => {
    expect(
      lineParts([
        point(1),
        point(null),
        point(3),
        point(null),
        point(5),
        point(6),
      ]),
    ).toEqual([
      { solid: 1, dashed: null, alone: true },
      { solid: null, dashed: null, alone: false },
      { solid: 3, dashed: null, alone: true },
      { solid: null, dashed: null, alone: false },
      { solid: 5, dashed: null, alone: false },
      { solid: 6, dashed: null, alone: false },
    ]);
  });

  it('does not dash from a gap: a partial period after a gap stands alone', () => {
    expect(lineParts([point(1), point(null), point(4, true)])).toEqual([
      { solid: 1, dashed: null, alone: true },
      { solid: null, dashed: null, alone: false },
      { solid: null, dashed: 4, alone: true },
    ]);
  });
});
