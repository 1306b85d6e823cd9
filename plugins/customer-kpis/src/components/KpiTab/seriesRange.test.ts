import { defaultGranularity, seriesRange } from './seriesRange';

describe('seriesRange', () => {
  const now = new Date('2025-06-30T22:30:00Z');

  it('ends today (UTC) and covers the window inclusively', () => {
    expect(seriesRange('30d', now)).toEqual({
      from: '2025-06-01',
      to: '2025-06-30',
    });
    expect(seriesRange('90d', now)).toEqual({
      from: '2025-04-02',
      to: '2025-06-30',
    });
    expect(seriesRange('12m', now)).toEqual({
      from: '2024-07-01',
      to: '2025-06-30',
    });
  });

  it('starts each window with a granularity that gives about a dozen points or more', () => {
    expect(defaultGranularity('30d')).toBe('day');
    expect(defaultGranularity('90d')).toBe('week');
    expect(defaultGranularity('12m')).toBe('month');
  });
});
