import { periodsOf, slicesEnding } from './periods';

describe('periodsOf', () => {
  it('marks the week holding today as partial, and only it', () => {
    // 2025-06-30 is a Monday; today is Wednesday 2025-07-02.
    expect(periodsOf('2025-06-16', '2025-07-02', 'week', '2025-07-02')).toEqual(
      [
        { start: '2025-06-16', end: '2025-06-22', partial: false },
        { start: '2025-06-23', end: '2025-06-29', partial: false },
        { start: '2025-06-30', end: '2025-07-02', partial: true },
      ],
    );
  });

  it('marks a period the range cuts as partial, even long past', () => {
    expect(
      periodsOf('2025-01-01', '2025-02-14', 'month', '2025-07-02'),
    ).toEqual([
      { start: '2025-01-01', end: '2025-01-31', partial: false },
      { start: '2025-02-01', end: '2025-02-14', partial: true },
    ]);
    // A first week starting on a Thursday is cut too.
    expect(
      periodsOf('2025-06-19', '2025-06-29', 'week', '2025-07-02')[0],
    ).toEqual({ start: '2025-06-19', end: '2025-06-22', partial: true });
  });

  it('keeps a period ending yesterday whole, and a day is partial only while it is today', () => {
    expect(
      periodsOf('2025-06-01', '2025-06-30', 'month', '2025-07-01'),
    ).toEqual([{ start: '2025-06-01', end: '2025-06-30', partial: false }]);
    expect(periodsOf('2025-06-30', '2025-07-02', 'day', '2025-07-02')).toEqual([
      { start: '2025-06-30', end: '2025-06-30', partial: false },
      { start: '2025-07-01', end: '2025-07-01', partial: false },
      { start: '2025-07-02', end: '2025-07-02', partial: true },
    ]);
  });

  it('marks periods after today as partial (not over)', () => {
    expect(
      periodsOf('2025-07-01', '2025-07-31', 'month', '2025-06-20'),
    ).toEqual([{ start: '2025-07-01', end: '2025-07-31', partial: true }]);
  });
});

describe('slicesEnding', () => {
  it('marks the slice holding today and a shortened first slice as partial', () => {
    expect(slicesEnding('2025-06-01', '2025-06-10', 4, '2025-06-10')).toEqual([
      { start: '2025-06-01', end: '2025-06-02', partial: true },
      { start: '2025-06-03', end: '2025-06-06', partial: false },
      { start: '2025-06-07', end: '2025-06-10', partial: true },
    ]);
  });

  it('keeps whole slices that ended before today whole', () => {
    expect(slicesEnding('2025-06-01', '2025-06-06', 3, '2025-06-07')).toEqual([
      { start: '2025-06-01', end: '2025-06-03', partial: false },
      { start: '2025-06-04', end: '2025-06-06', partial: false },
    ]);
  });
});
