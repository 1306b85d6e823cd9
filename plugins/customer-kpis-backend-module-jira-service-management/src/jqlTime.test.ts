import { formatJqlDateTime, jqlLowerBound, utcOffsetMinutes } from './jqlTime';

const at = (iso: string) => Date.parse(iso);

describe('JQL date bounds', () => {
  it('writes an instant as the wall time of the zone, seconds cut off', () => {
    expect(formatJqlDateTime(at('2026-11-02T13:31:59Z'), 'UTC')).toBe(
      '2026/11/02 13:31',
    );
    expect(formatJqlDateTime(at('2026-11-02T20:45:10Z'), 'Asia/Kolkata')).toBe(
      '2026/11/03 02:15',
    );
    expect(
      formatJqlDateTime(at('2026-07-01T00:00:00Z'), 'America/New_York'),
    ).toBe('2026/06/30 20:00');
  });

  it('knows the UTC offset of a zone at an instant, DST included', () => {
    expect(utcOffsetMinutes(at('2026-01-15T12:00:00Z'), 'Europe/Berlin')).toBe(
      60,
    );
    expect(utcOffsetMinutes(at('2026-07-15T12:00:00Z'), 'Europe/Berlin')).toBe(
      120,
    );
    expect(utcOffsetMinutes(at('2026-07-15T12:00:00Z'), 'Asia/Kolkata')).toBe(
      330,
    );
  });

  it('away from a DST change, is the wall time of the instant', () => {
    expect(jqlLowerBound(at('2026-07-15T12:34:56Z'), 'Europe/Berlin')).toBe(
      '2026/07/15 14:34',
    );
  });

  it('near a DST change, moves back by the change, so that a repeated hour cannot be read as its later occurrence', () => {
    // Berlin falls back at 2026-10-25T01:00Z (03:00 CEST → 02:00 CET): 02:30 happens twice.
    // 00:30Z is the first 02:30 (CEST); Jira could read "02:30" as the second one, an hour later.
    expect(jqlLowerBound(at('2026-10-25T00:30:00Z'), 'Europe/Berlin')).toBe(
      '2026/10/25 01:30',
    );
    // and springs forward at 2026-03-29T01:00Z (02:00 CET → 03:00 CEST): 01:30Z is 03:30, written an hour early
    expect(formatJqlDateTime(at('2026-03-29T01:30:00Z'), 'Europe/Berlin')).toBe(
      '2026/03/29 03:30',
    );
    expect(jqlLowerBound(at('2026-03-29T01:30:00Z'), 'Europe/Berlin')).toBe(
      '2026/03/29 01:30',
    );
  });

  it('without a time zone, writes UTC moved back 14 hours, early enough for any zone', () => {
    expect(jqlLowerBound(at('2026-07-15T12:34:56Z'), undefined)).toBe(
      '2026/07/14 22:34',
    );
  });
});
