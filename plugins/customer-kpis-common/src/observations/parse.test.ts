import {
  observationDay,
  parseObservation,
  parseObservationBatch,
  safeParseObservation,
  ObservationValidationError,
} from './parse';
import { normaliseEntityRef, parseTimestamp } from './fields';
import { observationSchema } from './schemas';

const envelope = {
  id: 'src-1',
  entityRef: 'component:default/shop',
  timestamp: '2025-03-01T09:30:00Z',
};

/** The issues of an invalid input, as "path: message" pairs. */
function issuesOf(input: unknown) {
  const result = safeParseObservation(input);
  if (result.success) throw new Error('expected the input to be rejected');
  return result.issues;
}

describe('safeParseObservation', () => {
  it('accepts one valid observation of every KPI and normalises it', () => {
    const inputs = [
      { ...envelope, kpi: 'recommend', score: 10 },
      { ...envelope, kpi: 'satisfaction', score: 1 },
      {
        ...envelope,
        kpi: 'customer-effort',
        score: 2,
        scale: 5,
        inverted: true,
      },
      {
        ...envelope,
        kpi: 'time-to-resolve',
        openedAt: '2025-03-01T08:00:00.000Z',
        resolvedAt: '2025-03-01T10:00:00.000Z',
        businessMinutes: 90,
      },
      {
        ...envelope,
        kpi: 'time-to-value',
        startedAt: '2025-03-01T08:00:00.000Z',
        valueAt: null,
      },
      {
        ...envelope,
        kpi: 'adoption',
        date: '2025-02-28',
        dau: 1,
        wau: 2,
        mau: 3,
        eligible: 10,
      },
      {
        ...envelope,
        kpi: 'retention',
        periodStart: '2025-02-01',
        periodEnd: '2025-02-28',
        start: 100,
        end: 105,
        new: 10,
      },
    ];
    for (const input of inputs) {
      const result = safeParseObservation(input);
      expect(result).toEqual({
        success: true,
        observation: { ...input, timestamp: '2025-03-01T09:30:00.000Z' },
      });
      expect(observationSchema.safeParse(input).success).toBe(true);
    }
  });

  it('normalises entity refs to lower-case kind:namespace/name and timestamps to UTC', () => {
    const observation = parseObservation({
      ...envelope,
      entityRef: ' Component:Shop ',
      timestamp: '2025-03-01T10:30:00.123456+01:00',
      kpi: 'recommend',
      score: 9,
    });
    expect(observation.entityRef).toBe('component:default/shop');
    expect(observation.timestamp).toBe('2025-03-01T09:30:00.123Z');
  });

  it.each([
    [
      { kpi: 'recommend', score: 11 },
      'score',
      'score must be an integer from 0 to 10',
    ],
    [
      { kpi: 'recommend', score: 7.5 },
      'score',
      'score must be an integer from 0 to 10',
    ],
    [
      { kpi: 'recommend', score: '9' },
      'score',
      'score must be an integer from 0 to 10 (got "9")',
    ],
    [{ kpi: 'recommend' }, 'score', 'score is required'],
    [
      { kpi: 'satisfaction', score: 0 },
      'score',
      'score must be an integer from 1 to 5',
    ],
    [
      { kpi: 'customer-effort', score: 6, scale: 5 },
      'score',
      'score must be an integer from 1 to 5 on a 5-point scale',
    ],
    [
      { kpi: 'customer-effort', score: 3, scale: 10 },
      'scale',
      'scale must be 5 or 7',
    ],
    [
      { kpi: 'satisfaction', score: 3, timestamp: undefined },
      'timestamp',
      'timestamp is required',
    ],
  ])('rejects the survey answer %j on %s', (payload, path, message) => {
    expect(issuesOf({ ...envelope, ...payload })).toContainEqual({
      path,
      message,
    });
  });

  it('rejects a ticket resolved before it was opened, naming resolvedAt', () => {
    expect(
      issuesOf({
        ...envelope,
        kpi: 'time-to-resolve',
        openedAt: '2025-03-02T00:00:00Z',
        resolvedAt: '2025-03-01T00:00:00Z',
      }),
    ).toEqual([
      { path: 'resolvedAt', message: 'resolvedAt must not be before openedAt' },
    ]);
  });

  it('rejects business minutes longer than the calendar time', () => {
    expect(
      issuesOf({
        ...envelope,
        kpi: 'time-to-resolve',
        openedAt: '2025-03-01T00:00:00Z',
        resolvedAt: '2025-03-01T01:00:00Z',
        businessMinutes: 62,
      }),
    ).toEqual([
      {
        path: 'businessMinutes',
        message:
          'businessMinutes must not exceed the calendar time from openedAt to resolvedAt (60 minutes)',
      },
    ]);
  });

  it('rejects value reached before the start', () => {
    expect(
      issuesOf({
        ...envelope,
        kpi: 'time-to-value',
        startedAt: '2025-03-02T00:00:00Z',
        valueAt: '2025-03-01T00:00:00Z',
      }),
    ).toEqual([
      { path: 'valueAt', message: 'valueAt must not be before startedAt' },
    ]);
  });

  it('rejects E − N > S and E < N in retention periods', () => {
    const period = {
      ...envelope,
      kpi: 'retention',
      periodStart: '2025-01-01',
      periodEnd: '2025-01-31',
    };
    expect(issuesOf({ ...period, start: 10, end: 25, new: 5 })).toEqual([
      {
        path: 'end',
        message:
          'end − new must not exceed start (E − N ≤ S: more customers kept than there were)',
      },
    ]);
    expect(issuesOf({ ...period, start: 10, end: 5, new: 6 })).toEqual([
      { path: 'new', message: 'new must not exceed end (E ≥ N)' },
    ]);
    expect(
      issuesOf({
        ...period,
        periodEnd: '2024-12-31',
        start: 1,
        end: 1,
        new: 0,
      }),
    ).toEqual([
      {
        path: 'periodEnd',
        message: 'periodEnd must not be before periodStart',
      },
    ]);
  });

  it('rejects negative counts and gauges out of order', () => {
    const day = { ...envelope, kpi: 'adoption', date: '2025-03-01' };
    expect(issuesOf({ ...day, dau: -1, wau: 2, mau: 3, eligible: 4 })).toEqual([
      { path: 'dau', message: 'dau must be an integer ≥ 0' },
    ]);
    expect(issuesOf({ ...day, dau: 3, wau: 2, mau: 5, eligible: 4 })).toEqual([
      { path: 'dau', message: 'dau must not exceed wau' },
      { path: 'mau', message: 'mau must not exceed eligible' },
    ]);
  });

  it('rejects an unknown KPI, naming kpi', () => {
    expect(issuesOf({ ...envelope, kpi: 'happiness', score: 3 })).toEqual([
      {
        path: 'kpi',
        message:
          'kpi "happiness" is not a KPI; kpi must be one of adoption, time-to-value, time-to-resolve, customer-effort, satisfaction, retention, recommend',
      },
    ]);
  });

  it.each([
    '2025-02-30T00:00:00Z',
    '2025-03-01T24:00:00Z',
    '2025-03-01T10:00:00',
    '2025-03-01',
    'yesterday',
    '2025-03-01T10:00:00+25:00',
  ])('rejects the timestamp %s', timestamp => {
    const [issue] = issuesOf({
      ...envelope,
      timestamp,
      kpi: 'recommend',
      score: 5,
    });
    expect(issue.path).toBe('timestamp');
    expect(issue.message).toMatch(
      /^timestamp must be an ISO 8601 date-time with an offset/,
    );
  });

  it('rejects bad envelopes: empty or long ids, malformed entity refs, unknown fields, non-objects', () => {
    expect(
      issuesOf({ ...envelope, id: '', kpi: 'recommend', score: 5 }),
    ).toEqual([{ path: 'id', message: 'id must not be empty' }]);
    expect(
      issuesOf({
        ...envelope,
        id: 'x'.repeat(201),
        kpi: 'recommend',
        score: 5,
      }),
    ).toEqual([{ path: 'id', message: 'id must be at most 200 characters' }]);
    expect(
      issuesOf({ ...envelope, entityRef: 'shop', kpi: 'recommend', score: 5 }),
    ).toEqual([
      {
        path: 'entityRef',
        message:
          'entityRef must be a catalog entity ref "kind:namespace/name", but it has no kind (got "shop")',
      },
    ]);
    expect(
      issuesOf({ ...envelope, kpi: 'recommend', score: 5, scroe: 5 }),
    ).toEqual([
      { path: 'scroe', message: 'scroe is not a field of this observation' },
    ]);
    expect(issuesOf([1])).toEqual([
      { path: '', message: 'observation must be a JSON object' },
    ]);
  });
});

describe('parseObservation', () => {
  it('throws an ObservationValidationError carrying the issues', () => {
    expect(() =>
      parseObservation({ ...envelope, kpi: 'recommend', score: 11 }),
    ).toThrow(ObservationValidationError);
    expect(() =>
      parseObservation({ ...envelope, kpi: 'recommend', score: 11 }),
    ).toThrow('Invalid observation: score must be an integer from 0 to 10');
  });
});

describe('parseObservationBatch', () => {
  it('keeps the valid items in order and names every issue of the others with its index, against one now', () => {
    const now = new Date('2025-03-01T12:00:00Z');
    const nps = (
      id: string,
      score: unknown,
      timestamp = envelope.timestamp,
    ) => ({
      ...envelope,
      id,
      kpi: 'recommend',
      score,
      timestamp,
    });
    const { valid, issues } = parseObservationBatch(
      [
        nps('a', 9),
        nps('b', 11),
        nps('c', 10),
        nps('d', 7, '2025-03-03T00:00:00Z'),
      ],
      { now },
    );
    expect(valid.map(o => o.id)).toEqual(['a', 'c']);
    expect(issues).toEqual([
      { index: 1, path: 'score', message: expect.stringContaining('score') },
      {
        index: 3,
        path: 'timestamp',
        message: expect.stringContaining('timestamp'),
      },
    ]);
  });
});

describe('observationDay', () => {
  it('buckets each KPI by its own time, in UTC', () => {
    const day = (input: object) =>
      observationDay(parseObservation({ ...envelope, ...input }));
    expect(
      day({
        kpi: 'recommend',
        score: 9,
        timestamp: '2025-03-01T23:30:00-02:00',
      }),
    ).toBe('2025-03-02');
    expect(
      day({
        kpi: 'adoption',
        date: '2025-02-27',
        dau: 0,
        wau: 0,
        mau: 0,
        eligible: 0,
      }),
    ).toBe('2025-02-27');
    expect(
      day({
        kpi: 'time-to-resolve',
        openedAt: '2025-02-01T00:00:00Z',
        resolvedAt: '2025-02-03T00:00:00Z',
      }),
    ).toBe('2025-02-03');
    expect(
      day({
        kpi: 'time-to-value',
        startedAt: '2025-01-15T12:00:00Z',
        valueAt: '2025-02-03T00:00:00Z',
      }),
    ).toBe('2025-01-15');
    expect(
      day({
        kpi: 'retention',
        periodStart: '2025-01-01',
        periodEnd: '2025-01-31',
        start: 1,
        end: 1,
        new: 0,
      }),
    ).toBe('2025-01-31');
  });
});

describe('fields', () => {
  it('normalises entity refs and refuses refs without a kind', () => {
    expect(normaliseEntityRef('System:Payments/Checkout')).toBe(
      'system:payments/checkout',
    );
    expect(normaliseEntityRef('default/shop')).toBeUndefined();
    expect(normaliseEntityRef('component:a/b/c')).toBeUndefined();
  });

  it('parses timestamps with offsets to epoch milliseconds', () => {
    expect(parseTimestamp('1970-01-01T01:00+01:00')).toBe(0);
    expect(parseTimestamp('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
    expect(parseTimestamp('2023-02-29T00:00:00Z')).toBeUndefined();
  });
});
