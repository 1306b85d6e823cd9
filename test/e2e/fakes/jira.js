// A fake Jira Cloud with Jira Service Management for the end-to-end tests: `GET /rest/api/3/myself` (the API user's
// time zone), `GET /rest/api/3/search/jql` (JQL `project = "KEY" …`, `fields`, `maxResults`, token paging with
// `nextPageToken`/`isLast`), and `GET /rest/servicedeskapi/request/{issueIdOrKey}/feedback` (`{ type: "csat",
// rating }`, 404 when the request has no feedback), behind basic auth (email + API token); 401 otherwise. It holds a
// few requests of customer-profile's project and one of another project.
const { FAKE_CREDENTIALS, FAKE_PORTS } = require('./credentials');
const { PROFILE_JIRA_PROJECT } = require('./exampleBindings');
const { basicAuth, startJsonServer } = require('./server');

/** The Atlassian account the e2e source signs in as; its API token is the `e2e-jira` credential. */
const JIRA_EMAIL = 'e2e-bot@northwind.example';

const HOUR_MS = 3_600_000;

/** A time as Jira writes it: `2026-11-02T09:00:00.000+0000`. */
function jiraTime(ms) {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

/** The requests, relative to `now`: resolved ones with and without feedback, one open, one of another project. */
function issues(now) {
  const specs = [
    { project: PROFILE_JIRA_PROJECT, daysAgo: 2, hours: 3, rating: 5 },
    { project: PROFILE_JIRA_PROJECT, daysAgo: 3, hours: 30, rating: 2 },
    { project: PROFILE_JIRA_PROJECT, daysAgo: 5, hours: 8 },
    { project: PROFILE_JIRA_PROJECT, daysAgo: 1, open: true },
    { project: 'OTHER', daysAgo: 4, hours: 6, rating: 4 },
  ];
  const counters = {};
  return specs.map((spec, i) => {
    counters[spec.project] = (counters[spec.project] ?? 0) + 1;
    const created = now - spec.daysAgo * 24 * HOUR_MS;
    const resolved = spec.open ? null : created + spec.hours * HOUR_MS;
    return {
      id: String(10100 + i),
      key: `${spec.project}-${counters[spec.project]}`,
      rating: spec.rating,
      fields: {
        created: jiraTime(created),
        updated: jiraTime((resolved ?? created) + 60_000),
        resolutiondate: resolved === null ? null : jiraTime(resolved),
        project: { key: spec.project, name: spec.project },
        components: [],
        labels: [],
      },
    };
  });
}

/** Starts the fake on its fixed port; `issues` are the requests it serves. */
async function startFakeJira({ now = Date.now(), pageSize = 100 } = {}) {
  const all = issues(now);
  const expected = basicAuth(JIRA_EMAIL, FAKE_CREDENTIALS['e2e-jira'].secret);
  const server = await startJsonServer(FAKE_PORTS.jira, (req, url, send) => {
    if (req.headers.authorization !== expected) {
      send(401, {
        errorMessages: [
          'You are not authenticated. Authentication required to perform this operation.',
        ],
        errors: {},
      });
      return;
    }
    if (url.pathname === '/rest/api/3/myself') {
      send(200, {
        accountId: '5b10ac8d82e05b22cc7d4ef5',
        emailAddress: JIRA_EMAIL,
        displayName: 'E2E bot',
        active: true,
        timeZone: 'UTC',
      });
      return;
    }
    if (url.pathname === '/rest/api/3/search/jql') {
      const jql = url.searchParams.get('jql') ?? '';
      const project = /project\s*=\s*"?([A-Z][A-Z0-9_]*)"?/.exec(jql)?.[1];
      // JQL dates: "yyyy/MM/dd HH:mm" or "yyyy-MM-dd HH:mm", in the API user's time zone (UTC here).
      const since = /updated\s*>=\s*"([^"]+)"/.exec(jql)?.[1];
      const sinceMs = since
        ? Date.parse(`${since.replace(/\//g, '-').replace(' ', 'T')}Z`)
        : 0;
      if (Number.isNaN(sinceMs)) {
        send(400, {
          errorMessages: [
            `Date value '${since}' for field 'updated' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
          ],
          warningMessages: [],
        });
        return;
      }
      const fields = (url.searchParams.get('fields') ?? '')
        .split(',')
        .filter(Boolean);
      const matching = all
        .filter(issue => issue.fields.project.key === project)
        .filter(issue => Date.parse(issue.fields.updated) >= sinceMs)
        .sort((a, b) => a.fields.updated.localeCompare(b.fields.updated));
      const size = Math.min(
        Number(url.searchParams.get('maxResults') ?? 50),
        pageSize,
      );
      const start = Number(url.searchParams.get('nextPageToken') ?? 0);
      const page = matching.slice(start, start + size);
      const isLast = start + size >= matching.length;
      send(200, {
        issues: page.map(issue => ({
          id: issue.id,
          key: issue.key,
          self: `${server.url}/rest/api/3/issue/${issue.id}`,
          fields: Object.fromEntries(
            Object.entries(issue.fields).filter(
              ([name]) => fields.length === 0 || fields.includes(name),
            ),
          ),
        })),
        isLast,
        ...(isLast ? {} : { nextPageToken: String(start + size) }),
      });
      return;
    }
    const feedback =
      /^\/rest\/servicedeskapi\/request\/([^/]+)\/feedback$/.exec(url.pathname);
    if (feedback) {
      const key = decodeURIComponent(feedback[1]);
      const issue = all.find(i => i.key === key || i.id === key);
      if (!issue || issue.rating === undefined) {
        send(404, {
          errorMessage: `No feedback found for request ${key}`,
          i18nErrorMessage: { i18nKey: 'sd.request.feedback.not.found' },
        });
        return;
      }
      send(200, {
        type: 'csat',
        rating: issue.rating,
        comment: { body: '' },
      });
      return;
    }
    send(404, { errorMessages: [`No route for ${url.pathname}`] });
  });
  return { ...server, issues: all };
}

module.exports = { startFakeJira, JIRA_EMAIL };
