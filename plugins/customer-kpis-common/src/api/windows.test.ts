import {
  STANDARD_WINDOW_DAYS,
  STANDARD_WINDOW_PARAMS,
  StandardWindowParam,
  parseWindowDays,
  windowParamSchema,
} from './windows';

// A Record over the type: a spelling added to StandardWindowParam without a line here does not compile.
const standardWindowDays: Record<StandardWindowParam, number> = {
  '30d': 30,
  '90d': 90,
  '12m': 365,
};

describe('StandardWindowParam', () => {
  it('spells exactly the standard windows, as the window parameter reads them', () => {
    for (const [param, days] of Object.entries(standardWindowDays)) {
      expect(parseWindowDays(param)).toBe(days);
      expect(windowParamSchema.parse(param)).toBe(days);
    }
    expect(Object.values(standardWindowDays)).toEqual([
      ...STANDARD_WINDOW_DAYS,
    ]);
    expect(STANDARD_WINDOW_PARAMS).toEqual(Object.keys(standardWindowDays));
  });
});
