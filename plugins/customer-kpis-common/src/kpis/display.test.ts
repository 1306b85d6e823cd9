import {
  cciDeltaDisplay,
  cciValueDisplay,
  durationDisplay,
  durationUnitOf,
  kpiDeltaDisplay,
  kpiValueDisplay,
  plainDisplayNumber,
} from './display';
import { KPI_IDS } from './ids';

const plain = (
  kpi: Parameters<typeof kpiValueDisplay>[0],
  value: number,
  options?: Parameters<typeof kpiValueDisplay>[2],
) => plainDisplayNumber(kpiValueDisplay(kpi, value, options));

describe('how each KPI is shown', () => {
  it('shows NPS in whole points, CSAT and retention to a tenth of a percent, adoption in whole percent', () => {
    expect(kpiValueDisplay('recommend', 50.98)).toEqual({
      value: 50.98,
      unit: 'nps',
      minDecimals: 0,
      maxDecimals: 0,
    });
    expect(plain('recommend', 50.98)).toBe('51');
    expect(plain('recommend', -12.5)).toBe('-13');
    expect(plain('satisfaction', 59.96)).toBe('60.0');
    expect(plain('retention', 91.24)).toBe('91.2');
    expect(plain('adoption', 41.6)).toBe('42');
    expect(kpiValueDisplay('adoption', 41.6).unit).toBe('percent');
  });

  it('shows the effort score to a tenth', () => {
    expect(kpiValueDisplay('customer-effort', 5.43)).toMatchObject({
      unit: 'score',
      minDecimals: 1,
      maxDecimals: 1,
    });
    expect(plain('customer-effort', 5)).toBe('5.0');
    expect(plain('customer-effort', 0.25)).toBe('0.3');
  });

  it('shows a duration in minutes, hours or days by its size, to at most a tenth', () => {
    expect(durationUnitOf(45)).toBe('minutes');
    expect(durationUnitOf(59.4)).toBe('minutes');
    // 59.5 minutes would read "60 min": an hour.
    expect(durationUnitOf(59.5)).toBe('hours');
    expect(durationUnitOf(1436.9)).toBe('hours');
    // 1437 minutes would read "24 h": a day.
    expect(durationUnitOf(1437)).toBe('days');
    expect(durationUnitOf(-90)).toBe('hours');
    expect(plainDisplayNumber(durationDisplay(45))).toBe('45');
    expect(plainDisplayNumber(durationDisplay(180))).toBe('3');
    expect(plainDisplayNumber(durationDisplay(90))).toBe('1.5');
    expect(durationDisplay(3600)).toEqual({
      value: 2.5,
      unit: 'days',
      minDecimals: 0,
      maxDecimals: 1,
    });
    expect(plain('time-to-resolve', 1863.4800488078536)).toBe('1.3');
    expect(kpiValueDisplay('time-to-value', 45).unit).toBe('minutes');
  });

  it('shows every duration in one unit when asked (a spreadsheet column)', () => {
    const hours = { durationUnit: 'hours' } as const;
    expect(
      kpiValueDisplay('time-to-resolve', 1863.4800488078536, hours),
    ).toEqual({
      value: 1863.4800488078536 / 60,
      unit: 'hours',
      minDecimals: 0,
      maxDecimals: 1,
    });
    expect(plain('time-to-resolve', 1863.4800488078536, hours)).toBe('31.1');
    expect(plain('time-to-value', 45, hours)).toBe('0.8');
    expect(plain('time-to-value', 3600, hours)).toBe('60');
    // The option only concerns durations.
    expect(plain('satisfaction', 60, hours)).toBe('60.0');
  });

  it('shows a change like the values, a percentage in percentage points, a duration by its own size', () => {
    expect(kpiDeltaDisplay('satisfaction', 8)).toMatchObject({
      unit: 'percent-points',
      minDecimals: 1,
      maxDecimals: 1,
    });
    expect(kpiDeltaDisplay('adoption', 3.3)).toMatchObject({
      unit: 'percent-points',
      maxDecimals: 0,
    });
    expect(plainDisplayNumber(kpiDeltaDisplay('recommend', -7.2))).toBe('-7');
    expect(kpiDeltaDisplay('time-to-resolve', -30)).toEqual({
      value: -30,
      unit: 'minutes',
      minDecimals: 0,
      maxDecimals: 0,
    });
    expect(
      plainDisplayNumber(
        kpiDeltaDisplay('time-to-resolve', -30, { durationUnit: 'hours' }),
      ),
    ).toBe('-0.5');
    expect(plainDisplayNumber(kpiDeltaDisplay('customer-effort', 0.25))).toBe(
      '0.3',
    );
  });

  it('has a unit and decimals for every KPI', () => {
    for (const kpi of KPI_IDS) {
      const shown = kpiValueDisplay(kpi, 12.345);
      expect(shown.minDecimals).toBeLessThanOrEqual(shown.maxDecimals);
      expect(shown.maxDecimals).toBeLessThanOrEqual(1);
    }
  });

  it('shows the index in whole points and its change to a tenth', () => {
    expect(plainDisplayNumber(cciValueDisplay(72.6))).toBe('73');
    expect(plainDisplayNumber(cciDeltaDisplay(-4.25))).toBe('-4.3');
    expect(plainDisplayNumber(cciDeltaDisplay(4))).toBe('4');
  });
});

describe('plain text of a shown number', () => {
  it('rounds half away from zero, as Intl does', () => {
    const at = (value: number, decimals: number) =>
      plainDisplayNumber({
        value,
        unit: 'score',
        minDecimals: decimals,
        maxDecimals: decimals,
      });
    expect(at(0.25, 1)).toBe('0.3');
    expect(at(-0.25, 1)).toBe('-0.3');
    expect(at(2.5, 0)).toBe('3');
    expect(at(-2.5, 0)).toBe('-3');
    // The double nearest 1.005 lies below it; the screen (Intl) reads its shortest form, 1.005.
    expect(at(1.005, 2)).toBe('1.01');
    expect(at(9.96, 1)).toBe('10.0');
    for (const value of [
      0.05, 1.005, 2.675, -1.45, 12345.65, 0.95, 9.96, 99.95, -0.005, 3, 1e-7,
      1863.4800488078536,
    ]) {
      for (const decimals of [0, 1, 2]) {
        const intl = new Intl.NumberFormat('en-US', {
          minimumFractionDigits: decimals,
          maximumFractionDigits: decimals,
          useGrouping: false,
        }).format(value);
        expect([value, decimals, at(value, decimals)]).toEqual([
          value,
          decimals,
          intl === '-0' || /^-0\.0+$/.test(intl) ? intl.slice(1) : intl,
        ]);
      }
    }
  });

  it('drops trailing zeros down to the least decimals, and never writes -0', () => {
    const shown = (value: number, minDecimals: number, maxDecimals: number) =>
      plainDisplayNumber({ value, unit: 'hours', minDecimals, maxDecimals });
    expect(shown(3.04, 0, 1)).toBe('3');
    expect(shown(3.06, 0, 1)).toBe('3.1');
    expect(shown(3, 1, 2)).toBe('3.0');
    expect(shown(-0.04, 0, 1)).toBe('0');
    expect(shown(-0.04, 1, 1)).toBe('0.0');
    expect(shown(-0.4, 0, 0)).toBe('0');
    expect(shown(12345.6, 1, 1)).toBe('12345.6');
  });
});
