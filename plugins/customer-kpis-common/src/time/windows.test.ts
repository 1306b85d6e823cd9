import {
  addDaysToDay,
  daysOf,
  isDayInWindow,
  previousWindow,
  utcDay,
  windowEnding,
  windowLength,
} from './windows';

describe('day windows', () => {
  it('ends a window of N days on a day, inclusive', () => {
    expect(windowEnding('2025-03-31', 30)).toEqual({
      from: '2025-03-02',
      to: '2025-03-31',
    });
    expect(windowEnding('2025-03-31', 1)).toEqual({
      from: '2025-03-31',
      to: '2025-03-31',
    });
    expect(() => windowEnding('2025-03-31', 0)).toThrow(RangeError);
  });

  it('finds the previous period of the same length, across month ends and leap days', () => {
    expect(previousWindow({ from: '2025-03-02', to: '2025-03-31' })).toEqual({
      from: '2025-01-31',
      to: '2025-03-01',
    });
    expect(addDaysToDay('2024-02-28', 1)).toBe('2024-02-29');
    expect(windowLength({ from: '2024-02-01', to: '2024-03-01' })).toBe(30);
  });

  it('lists the days of a window and tests membership', () => {
    expect(daysOf({ from: '2025-03-30', to: '2025-04-01' })).toEqual([
      '2025-03-30',
      '2025-03-31',
      '2025-04-01',
    ]);
    expect(
      isDayInWindow('2025-03-31', { from: '2025-03-30', to: '2025-04-01' }),
    ).toBe(true);
    expect(
      isDayInWindow('2025-04-02', { from: '2025-03-30', to: '2025-04-01' }),
    ).toBe(false);
  });

  it('takes the UTC day of an instant and refuses malformed days', () => {
    expect(utcDay('2025-03-01T23:30:00-02:00')).toBe('2025-03-02');
    expect(() => addDaysToDay('2025-02-30', 1)).toThrow(
      '"2025-02-30" is not a day YYYY-MM-DD',
    );
  });
});
