import {
  glideDateTimeToIso,
  glideDurationMinutes,
  isoToGlideDateTime,
} from './glideValues';

describe('glide values', () => {
  it('reads raw date-times as UTC', () => {
    expect(glideDateTimeToIso('2026-11-02 09:00:00')).toBe(
      '2026-11-02T09:00:00.000Z',
    );
    expect(glideDateTimeToIso('')).toBeUndefined();
    expect(glideDateTimeToIso(undefined)).toBeUndefined();
    expect(glideDateTimeToIso('2026-02-30 09:00:00')).toBeUndefined();
    expect(glideDateTimeToIso('2026-11-02T09:00:00Z')).toBeUndefined();
  });

  it('writes query values as raw UTC date-times, whole seconds', () => {
    expect(isoToGlideDateTime(Date.parse('2026-11-02T09:00:00.999Z'))).toBe(
      '2026-11-02 09:00:00',
    );
  });

  it('reads a glide_duration as the time after the epoch, days included', () => {
    expect(glideDurationMinutes('1970-01-01 04:30:00')).toBe(270);
    expect(glideDurationMinutes('1970-01-03 02:00:00')).toBe(2 * 1440 + 120);
    expect(glideDurationMinutes('1970-01-01 00:00:30')).toBe(0.5);
    expect(glideDurationMinutes('1970-01-01 00:00:00')).toBe(0);
    expect(glideDurationMinutes('')).toBeUndefined();
    expect(glideDurationMinutes('1969-12-31 23:00:00')).toBeUndefined();
  });
});
