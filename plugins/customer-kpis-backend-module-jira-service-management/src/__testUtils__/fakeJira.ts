// A local stand-in for the Jira Cloud / Data Center and Jira Service Management endpoints the source reads, answering
// in their documented shapes.
import http from 'node:http';
import {
  TestServer,
  sendJson,
  startTestServer,
} from '@customer-kpis/backstage-plugin-customer-kpis-node/testUtils';

export const SLA_FIELD = 'customfield_10030';
export const REQUEST_TYPE_FIELD = 'customfield_10010';

export interface FakeIssue {
  id: string;
  key: string;
  /** ISO 8601 instants; Jira writes them as `2026-11-02T13:30:00.000+0000`. */
  created: string;
  updated: string;
  resolutiondate?: string | null;
  components?: string[];
  labels?: string[];
  requestType?: { id: string; name: string };
  /** The "Time to resolution" SLA: elapsed millis of its completed cycles, and whether a cycle is running. */
  sla?: { completed: number[]; ongoing?: boolean };
  /** The CSAT rating of the request's feedback; none: the feedback endpoint answers 404. */
  rating?: number;
  /** Fields missing on this record. */
  omit?: string[];
}

export interface FakeJiraOptions {
  issues: FakeIssue[];
  /** The expected Authorization header; anything else gets a 401. */
  authorization: string;
  /** The API user's time zone, in which JQL dates are read. The fake reads them at a fixed offset from UTC. */
  timeZone: string;
  utcOffsetMinutes: number;
  /** Issues per page at most (Jira: 100 with fields). */
  maxPageSize?: number;
  /** Answers a request itself when it returns true: for 429s, 5xx and the like. `index` counts every request. */
  intercept?: (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    index: number,
  ) => boolean;
}

export interface FakeJira extends TestServer {
  options: FakeJiraOptions;
  /** The request URLs without the origin, decoded, in order. */
  paths(): string[];
  /** The JQL of each search request, in order. */
  jqls(): string[];
}

const jiraTime = (iso: string) =>
  new Date(iso).toISOString().replace('Z', '+0000');

const dateJson = (ms: number) => ({
  iso8601: jiraTime(new Date(ms).toISOString()),
  jira: jiraTime(new Date(ms).toISOString()),
  friendly: new Date(ms).toUTCString(),
  epochMillis: ms,
});
const durationJson = (millis: number) => ({
  millis,
  friendly: `${Math.round(millis / 60000)}m`,
});

function slaJson(issue: FakeIssue) {
  const sla = issue.sla!;
  let start = Date.parse(issue.created);
  const cycle = (millis: number) => {
    const cycleJson = {
      startTime: dateJson(start),
      stopTime: dateJson(start + millis),
      breached: millis > 8 * 3_600_000,
      goalDuration: durationJson(8 * 3_600_000),
      elapsedTime: durationJson(millis),
      remainingTime: durationJson(Math.max(0, 8 * 3_600_000 - millis)),
    };
    start += millis;
    return cycleJson;
  };
  return {
    id: '2',
    name: 'Time to resolution',
    _links: {
      sla: 'https://acme.atlassian.net/rest/servicedeskapi/request/1/sla/2',
    },
    completedCycles: sla.completed.map(cycle),
    ...(sla.ongoing
      ? {
          ongoingCycle: {
            startTime: dateJson(start),
            breachTime: dateJson(start + 8 * 3_600_000),
            breached: false,
            paused: false,
            withinCalendarHours: true,
            goalDuration: durationJson(8 * 3_600_000),
            elapsedTime: durationJson(60_000),
            remainingTime: durationJson(8 * 3_600_000 - 60_000),
          },
        }
      : {}),
    slaDisplayFormat: 'NEW_SLA_FORMAT',
  };
}

function issueJson(issue: FakeIssue, fields: string[]) {
  const project = issue.key.split('-')[0];
  const all: Record<string, unknown> = {
    created: jiraTime(issue.created),
    updated: jiraTime(issue.updated),
    resolutiondate: issue.resolutiondate
      ? jiraTime(issue.resolutiondate)
      : null,
    project: {
      self: `https://acme.atlassian.net/rest/api/3/project/${project}`,
      id: '10000',
      key: project,
      name: `Project ${project}`,
      projectTypeKey: 'service_desk',
    },
    components: (issue.components ?? []).map((name, i) => ({
      self: `https://acme.atlassian.net/rest/api/3/component/${i}`,
      id: String(i),
      name,
    })),
    labels: issue.labels ?? [],
    [SLA_FIELD]: issue.sla ? slaJson(issue) : null,
    [REQUEST_TYPE_FIELD]: issue.requestType
      ? {
          _links: {
            self: 'https://acme.atlassian.net/rest/servicedeskapi/servicedesk/1/requesttype/1',
          },
          requestType: {
            id: issue.requestType.id,
            name: issue.requestType.name,
            description: '',
            issueTypeId: '10004',
            serviceDeskId: '1',
            groupIds: ['1'],
          },
          currentStatus: { status: 'Open', statusCategory: 'NEW' },
        }
      : null,
  };
  return {
    expand:
      'operations,versionedRepresentations,editmeta,changelog,renderedFields',
    id: issue.id,
    self: `https://acme.atlassian.net/rest/api/3/issue/${issue.id}`,
    key: issue.key,
    fields: Object.fromEntries(
      fields
        .filter(field => !(issue.omit ?? []).includes(field))
        .filter(field => field in all)
        .map(field => [field, all[field]]),
    ),
  };
}

const keyOrder = (key: string) => {
  const [project, number] = key.split('-');
  return { project, number: Number(number) };
};

/**
 * The issues a JQL of the source's form selects, in its order: `project = "KEY" AND updated >= "yyyy/MM/dd HH:mm"
 * [AND (…)] ORDER BY updated ASC, key ASC`. The date is read in the user's time zone. Anything else is a 400.
 */
function runJql(options: FakeJiraOptions, jql: string): FakeIssue[] | string {
  const match =
    /^project = "([A-Z][A-Z0-9_]*)" AND updated >= "(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2})"( AND \(.+\))? ORDER BY updated ASC, key ASC$/.exec(
      jql,
    );
  if (!match) {
    return `Error in the JQL Query: ${jql}`;
  }
  const [, project, y, mo, d, h, mi] = match;
  const from =
    Date.UTC(+y, +mo - 1, +d, +h, +mi) - options.utcOffsetMinutes * 60_000;
  return options.issues
    .filter(i => i.key.startsWith(`${project}-`))
    .filter(i => Date.parse(i.updated) >= from)
    .sort((a, b) => {
      const byUpdated = Date.parse(a.updated) - Date.parse(b.updated);
      if (byUpdated !== 0) return byUpdated;
      const ka = keyOrder(a.key);
      const kb = keyOrder(b.key);
      return ka.project.localeCompare(kb.project) || ka.number - kb.number;
    });
}

export async function startFakeJira(
  options: FakeJiraOptions,
): Promise<FakeJira> {
  const server = await startTestServer((req, res, index) => {
    if (options.intercept?.(req, res, index)) {
      return;
    }
    if (req.headers.authorization !== options.authorization) {
      res.writeHead(401, { 'content-type': 'text/plain' });
      res.end('Client must be authenticated to access this resource.');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://jira.test');
    const params = url.searchParams;
    const fields = (params.get('fields') ?? '').split(',').filter(Boolean);
    const size = Math.min(
      Number(params.get('maxResults') ?? 50),
      options.maxPageSize ?? 100,
    );
    const feedback =
      /^\/rest\/servicedeskapi\/request\/([^/]+)\/feedback$/.exec(url.pathname);
    if (feedback) {
      const key = decodeURIComponent(feedback[1]);
      const issue = options.issues.find(i => i.key === key || i.id === key);
      if (!issue || issue.rating === undefined) {
        sendJson(res, 404, {
          errorMessage: 'No feedback found for this request.',
          i18nErrorMessage: {
            i18nKey: 'sd.feedback.not.found',
            parameters: [],
          },
        });
        return;
      }
      sendJson(res, 200, {
        type: 'csat',
        rating: issue.rating,
        comment: { body: 'Thanks!' },
      });
      return;
    }
    switch (url.pathname) {
      case '/rest/api/3/myself':
      case '/rest/api/2/myself':
        sendJson(res, 200, {
          self: 'https://acme.atlassian.net/rest/api/3/user?accountId=5b10a2844c20165700ede21g',
          accountId: '5b10a2844c20165700ede21g',
          emailAddress: 'kpis@acme.test',
          displayName: 'KPI bot',
          active: true,
          timeZone: options.timeZone,
          locale: 'en_US',
        });
        return;
      case '/rest/api/3/search/jql': {
        const token = params.get('nextPageToken');
        const position = token
          ? (JSON.parse(Buffer.from(token, 'base64url').toString()) as {
              offset: number;
              jql: string;
            })
          : { offset: 0, jql: params.get('jql') ?? '' };
        const matching = runJql(options, position.jql);
        if (typeof matching === 'string') {
          sendJson(res, 400, { errorMessages: [matching], errors: {} });
          return;
        }
        const page = matching.slice(position.offset, position.offset + size);
        const next = position.offset + page.length;
        const isLast = next >= matching.length;
        sendJson(res, 200, {
          issues: page.map(issue => issueJson(issue, fields)),
          // Jira leaves nextPageToken out on the last page
          ...(isLast
            ? {}
            : {
                nextPageToken: Buffer.from(
                  JSON.stringify({ offset: next, jql: position.jql }),
                ).toString('base64url'),
              }),
          isLast,
        });
        return;
      }
      case '/rest/api/2/search': {
        const matching = runJql(options, params.get('jql') ?? '');
        if (typeof matching === 'string') {
          sendJson(res, 400, { errorMessages: [matching], errors: {} });
          return;
        }
        const startAt = Number(params.get('startAt') ?? 0);
        sendJson(res, 200, {
          expand: 'schema,names',
          startAt,
          maxResults: size,
          total: matching.length,
          issues: matching
            .slice(startAt, startAt + size)
            .map(issue => issueJson(issue, fields)),
        });
        return;
      }
      default:
        sendJson(res, 404, { errorMessages: ['Not found'], errors: {} });
    }
  });
  const paths = () => server.requests.map(r => decodeURIComponent(r.url));
  return {
    ...server,
    options,
    paths,
    jqls: () =>
      server.requests
        .map(r => new URL(r.url, 'http://jira.test'))
        .filter(u => u.pathname.includes('/search'))
        .map(u => u.searchParams.get('jql') ?? ''),
  };
}
