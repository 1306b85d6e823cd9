import { isCalendarDay, parseTimestamp } from './fields';
import { normaliseEntityRef, parseEntityRefText } from './entityRefs';
import { safeParseObservation } from './parse';
import { boundedTextProblem, textProblem } from './text';

const NOW = new Date('2026-06-15T12:00:00.000Z');
const envelope = {
  id: 'src-1',
  entityRef: 'component:default/shop',
  timestamp: '2026-06-01T09:30:00Z',
};

/** The issues of an input rejected at NOW. */
function issuesAt(input: object) {
  const result = safeParseObservation(input, { now: NOW });
  if (result.success) throw new Error('expected the input to be rejected');
  return result.issues;
}

const accepted = (input: object) =>
  safeParseObservation(input, { now: NOW }).success;

describe('text rules', () => {
  it('refuses NUL and lone surrogates, and accepts surrogate pairs', () => {
    expect(textProblem('a\u0000b')).toBe(
      'must not contain the NUL character (\\u0000)',
    );
    expect(textProblem('a\ud800b')).toMatch(/lone surrogate/);
    expect(textProblem('\udc00')).toMatch(/lone surrogate/);
    expect(textProblem('ok 😀 é')).toBeUndefined();
  });

  it('bounds lengths in characters', () => {
    expect(boundedTextProblem('x'.repeat(200), 200)).toBeUndefined();
    expect(boundedTextProblem('x'.repeat(201), 200)).toBe(
      'must be at most 200 characters (got 201)',
    );
    expect(boundedTextProblem('', 200)).toBe('must not be empty');
  });
});

describe('entity refs', () => {
  it('follows the catalog rules for kind, namespace and name, and says which part is wrong', () => {
    expect(normaliseEntityRef('Component:Default/My_Service.v2')).toBe(
      'component:default/my_service.v2',
    );
    expect(normaliseEntityRef(`component:${'n'.repeat(63)}`)).toBe(
      `component:default/${'n'.repeat(63)}`,
    );
    expect(parseEntityRefText('my-kind:default/shop').problem).toMatch(
      /^its kind must be 1–63 letters or digits/,
    );
    expect(parseEntityRefText(`${'k'.repeat(64)}:shop`).problem).toMatch(
      /^its kind must be 1–63/,
    );
    expect(parseEntityRefText('component:team_a/shop').problem).toMatch(
      /^its namespace must be 1–63 lower-case letters/,
    );
    expect(parseEntityRefText('component:shop-').problem).toMatch(
      /^its name must be 1–63 letters/,
    );
    expect(parseEntityRefText(`component:${'n'.repeat(64)}`).problem).toMatch(
      /^its name must be/,
    );
    expect(parseEntityRefText('component:../../etc').problem).toMatch(
      /^its namespace/,
    );
    expect(parseEntityRefText('component:sh\u0000op').problem).toMatch(/NUL/);
  });

  it('rejects an observation whose entity ref overflows a part, naming entityRef', () => {
    const [issue] = issuesAt({
      ...envelope,
      kpi: 'recommend',
      score: 9,
      entityRef: `${'k'.repeat(500)}:default/shop`,
    });
    expect(issue.path).toBe('entityRef');
    expect(issue.message).toMatch(
      /^entityRef must be a catalog entity ref "kind:namespace\/name", but its kind must be 1–63 letters or digits/,
    );
    expect(issue.message).toMatch(/of 500 characters\)/);
  });
});

describe('observation ids', () => {
  it.each([
    ['a NUL', 'a\u0000b', 'id must not contain the NUL character (\\u0000)'],
    [
      'a lone surrogate',
      'a\ud800',
      'id must be well-formed Unicode (it holds a lone surrogate such as \\ud800)',
    ],
  ])('refuses an id with %s', (_what, id, message) => {
    expect(issuesAt({ ...envelope, id, kpi: 'recommend', score: 9 })).toEqual([
      { path: 'id', message },
    ]);
  });
});

describe('event times', () => {
  it('reads the years 0–99 as themselves, so the range check can say why they are refused', () => {
    expect(isCalendarDay('0099-12-31')).toBe(true);
    expect(parseTimestamp('0050-01-01T00:00:00Z')).toBe(
      Date.parse('0050-01-01T00:00:00Z'),
    );
    expect(
      issuesAt({
        ...envelope,
        kpi: 'recommend',
        score: 9,
        timestamp: '0099-03-01T00:00:00Z',
      }),
    ).toEqual([
      {
        path: 'timestamp',
        message:
          'timestamp must be between 2000-01-01T00:00:00Z and now + 1 day (2026-06-16T12:00:00.000Z) (got 0099-03-01T00:00:00.000Z)',
      },
    ]);
  });

  it.each([
    ['1900-01-01T00:00:00Z', false],
    ['1999-12-31T23:59:59.999Z', false],
    ['2000-01-01T00:00:00Z', true],
    ['2026-06-16T12:00:00Z', true],
    ['2026-06-16T12:00:00.001Z', false],
    ['2100-01-01T00:00:00Z', false],
    ['9999-12-31T23:59:59Z', false],
  ])('accepts a survey timestamp %s: %s', (timestamp, ok) => {
    expect(
      accepted({ ...envelope, kpi: 'recommend', score: 9, timestamp }),
    ).toBe(ok);
  });

  it('checks every event time of a ticket and a journey, naming the field', () => {
    const ticket = {
      ...envelope,
      kpi: 'time-to-resolve',
      openedAt: '2026-06-01T00:00:00Z',
      resolvedAt: '9999-01-01T00:00:00Z',
    };
    expect(issuesAt(ticket).map(i => i.path)).toEqual(['resolvedAt']);
    expect(issuesAt(ticket)[0].message).toMatch(
      /^resolvedAt must be between 2000-01-01T00:00:00Z and now \+ 1 day .* \(got 9999-01-01T00:00:00\.000Z\)$/,
    );
    expect(
      issuesAt({
        ...envelope,
        kpi: 'time-to-value',
        startedAt: '1990-01-01T00:00:00Z',
        valueAt: '2030-01-01T00:00:00Z',
      }).map(i => i.path),
    ).toEqual(['startedAt', 'valueAt']);
  });

  it('accepts an adoption day up to today + 1 day', () => {
    const gauges = { dau: 1, wau: 1, mau: 1, eligible: 1 };
    const day = (date: string) => ({
      ...envelope,
      kpi: 'adoption',
      date,
      ...gauges,
    });
    expect(accepted(day('2026-06-16'))).toBe(true);
    expect(accepted(day('2000-01-01'))).toBe(true);
    expect(issuesAt(day('9999-12-31'))).toEqual([
      {
        path: 'date',
        message:
          'date must be a day between 2000-01-01 and today + 1 day (2026-06-16) (got 9999-12-31)',
      },
    ]);
    expect(issuesAt(day('1999-12-31'))[0].path).toBe('date');
  });

  it('lets a retention period in progress end up to 366 days ahead, but not start in the future', () => {
    const period = (periodStart: string, periodEnd: string) => ({
      ...envelope,
      kpi: 'retention',
      periodStart,
      periodEnd,
      start: 10,
      end: 10,
      new: 0,
    });
    expect(accepted(period('2026-06-01', '2026-06-30'))).toBe(true);
    expect(accepted(period('2026-01-01', '2026-12-31'))).toBe(true);
    expect(accepted(period('2026-06-01', '2027-06-16'))).toBe(true);
    expect(issuesAt(period('2026-06-01', '2027-06-17'))).toEqual([
      {
        path: 'periodEnd',
        message:
          'periodEnd must be a day between 2000-01-01 and today + 366 days (2027-06-16) (got 2027-06-17)',
      },
    ]);
    expect(issuesAt(period('2026-07-01', '2026-07-31'))[0].path).toBe(
      'periodStart',
    );
  });

  it('uses the clock when no time is given', () => {
    expect(
      safeParseObservation({
        ...envelope,
        kpi: 'recommend',
        score: 9,
        timestamp: new Date().toISOString(),
      }).success,
    ).toBe(true);
  });
});
