// A local stand-in for the Amplitude Dashboard REST API endpoints the source reads, answering in their documented
// shapes from a log of which user was active on which day.
import http from 'node:http';
import {
  TestServer,
  sendJson,
  startTestServer,
} from '@customer-kpis/backstage-plugin-customer-kpis-node/testUtils';

/** One user of the fake project: its user properties and the days (YYYY-MM-DD, project time) it was active. */
export interface FakeUser {
  id: string;
  properties: Record<string, string>;
  activeDays: string[];
}

export interface FakeAmplitudeOptions {
  users: FakeUser[];
  /** The expected Authorization header; anything else gets a 401. */
  authorization: string;
  /** The fake's today: a retention cohort whose following month has not ended by then is `incomplete`. */
  today: string;
  /** Answers a request itself when it returns true: for 429s, 5xx and the like. `index` counts every request. */
  intercept?: (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    index: number,
  ) => boolean;
}

export interface FakeAmplitude extends TestServer {
  options: FakeAmplitudeOptions;
  /** The request URLs without the origin, decoded, in order. */
  paths(): string[];
}

interface Segment {
  prop: string;
  op: string;
  values: string[];
}

const DAY_MS = 86_400_000;
const isoDay = (compact: string) =>
  `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;
const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS)
    .toISOString()
    .slice(0, 10);
const nextMonth = (day: string) => {
  const date = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + 1);
  return date.toISOString().slice(0, 10);
};

function daysFrom(start: string, end: string): string[] {
  const days: string[] = [];
  for (let day = start; day <= end; day = addDays(day, 1)) days.push(day);
  return days;
}

/** Users in all the segments (each condition is an `is` on a user property). */
function inSegments(users: FakeUser[], segments: Segment[]): FakeUser[] {
  return users.filter(user =>
    segments.every(
      s => s.op === 'is' && s.values.includes(user.properties[s.prop] ?? ''),
    ),
  );
}

/** Distinct users active on some day from `from` to `to`. */
export function activeBetween(
  users: FakeUser[],
  from: string,
  to: string,
): FakeUser[] {
  return users.filter(u => u.activeDays.some(d => d >= from && d <= to));
}

export async function startFakeAmplitude(
  options: FakeAmplitudeOptions,
): Promise<FakeAmplitude> {
  const server = await startTestServer((req, res, index) => {
    if (options.intercept?.(req, res, index)) {
      return;
    }
    if (req.headers.authorization !== options.authorization) {
      res.writeHead(401, { 'content-type': 'text/plain' });
      res.end('Invalid Api-Key or Secret-Key');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://amplitude.test');
    const params = url.searchParams;
    const start = params.get('start');
    const end = params.get('end');
    if (!start || !/^\d{8}$/.test(start) || !end || !/^\d{8}$/.test(end)) {
      sendJson(res, 400, { error: 'start and end must be YYYYMMDD' });
      return;
    }
    const segments = JSON.parse(params.get('s') ?? '[]') as Segment[];
    const users = inSegments(options.users, segments);
    const days = daysFrom(isoDay(start), isoDay(end));
    switch (url.pathname) {
      case '/api/2/users': {
        if (
          (params.get('m') ?? 'active') !== 'active' ||
          params.get('i') !== '1'
        ) {
          sendJson(res, 400, { error: 'the fake serves m=active&i=1 only' });
          return;
        }
        sendJson(res, 200, {
          data: {
            series: [days.map(d => activeBetween(users, d, d).length)],
            seriesMeta: [{ segmentIndex: 0 }],
            xValues: days,
          },
        });
        return;
      }
      case '/api/2/events/segmentation': {
        const event = JSON.parse(params.get('e') ?? '{}');
        const window = Number(params.get('rollingWindow') ?? '1');
        if (
          event.event_type !== '_active' ||
          params.get('m') !== 'uniques' ||
          params.get('i') !== '1'
        ) {
          sendJson(res, 400, {
            error: 'the fake serves _active uniques daily only',
          });
          return;
        }
        const series = days.map(
          d => activeBetween(users, addDays(d, -(window - 1)), d).length,
        );
        sendJson(res, 200, {
          data: {
            series: [series],
            seriesLabels: [0],
            seriesCollapsed: [[{ setId: '', value: Math.max(0, ...series) }]],
            xValues: days,
          },
        });
        return;
      }
      case '/api/2/retention': {
        if (params.get('i') !== '30') {
          sendJson(res, 400, {
            error: 'the fake serves monthly retention only',
          });
          return;
        }
        // The cohort: users active from start to end; "Month 1": those of them active in the calendar month after.
        const cohort = activeBetween(users, isoDay(start), isoDay(end));
        const monthAfter = nextMonth(isoDay(start));
        const monthAfterEnd = addDays(nextMonth(monthAfter), -1);
        const retained = activeBetween(cohort, monthAfter, monthAfterEnd);
        const incomplete = monthAfterEnd >= options.today;
        const cells = [
          { count: cohort.length, outof: cohort.length, incomplete: false },
          { count: retained.length, outof: cohort.length, incomplete },
        ];
        const label = new Date(`${isoDay(start)}T00:00:00Z`).toLocaleDateString(
          'en-US',
          { month: 'short', day: '2-digit', timeZone: 'UTC' },
        );
        sendJson(res, 200, {
          data: {
            series: cohort.length
              ? [
                  {
                    dates: [label],
                    values: { [label]: cells },
                    combined: cells.map(c => ({ ...c, retainedSetId: null })),
                  },
                ]
              : [],
            seriesMeta: [{ segmentIndex: 0, eventIndex: 0 }],
          },
        });
        return;
      }
      default:
        sendJson(res, 404, { error: 'not found' });
    }
  });
  return {
    ...server,
    options,
    paths: () => server.requests.map(r => decodeURIComponent(r.url)),
  };
}
