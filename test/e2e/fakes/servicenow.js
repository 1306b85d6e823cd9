// A fake ServiceNow Table API for the end-to-end tests: `GET /api/now/table/{table}` with basic auth, an encoded
// `sysparm_query` (the conditions the servicenow source sends: comparisons, `IN`, `^NQ`, `ORDERBY`), `sysparm_fields`,
// `sysparm_limit`/`sysparm_offset` paging with a `Link: <…>;rel="next"` header, raw values (UTC glide date-times,
// durations as date-times after the epoch, references as sys_ids), `{ result: [...] }`; 401 in ServiceNow's error
// shape for wrong credentials. It holds a few incidents of customer-profile's business service and one of another.
const crypto = require('node:crypto');
const { FAKE_CREDENTIALS, FAKE_PORTS } = require('./credentials');
const { PROFILE_BUSINESS_SERVICE } = require('./exampleBindings');
const { basicAuth, startJsonServer } = require('./server');

/** The integration user the e2e source signs in as; its password is the `e2e-servicenow` credential. */
const SERVICENOW_USER = 'e2e.integration';

const OTHER_BUSINESS_SERVICE = '0a0a0a0a0a0a4b4b8c8c0d0d0d0d0d0d';
const HOUR_MS = 3_600_000;

/** A time as a raw glide_date_time in UTC: `2026-11-02 09:00:00`. */
function glideTime(ms) {
  return new Date(Math.floor(ms / 1000) * 1000)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, '');
}

/** A duration as ServiceNow returns a raw glide_duration: that far after the epoch. */
function glideDuration(ms) {
  return glideTime(ms);
}

const sysId = seed =>
  crypto.createHash('md5').update(`e2e-servicenow-${seed}`).digest('hex');

/**
 * The incidents, relative to `now`: resolved ones of customer-profile (hours to resolve and business hours), one
 * still in progress, and one of another business service.
 */
function incidents(now) {
  const resolved = [
    { daysAgo: 3, hours: 5, businessHours: 4 },
    { daysAgo: 4, hours: 26, businessHours: 9 },
    { daysAgo: 6, hours: 2, businessHours: 2 },
    { daysAgo: 8, hours: 50, businessHours: 16 },
  ];
  const records = resolved.map((r, i) => {
    const opened = now - r.daysAgo * 24 * HOUR_MS;
    const resolvedAt = opened + r.hours * HOUR_MS;
    return {
      sys_id: sysId(`profile-${i}`),
      number: `INC00100${i + 1}`,
      state: '6',
      opened_at: glideTime(opened),
      resolved_at: glideTime(resolvedAt),
      business_duration: glideDuration(r.businessHours * HOUR_MS),
      business_service: PROFILE_BUSINESS_SERVICE,
      sys_updated_on: glideTime(resolvedAt + 60_000),
    };
  });
  records.push({
    sys_id: sysId('profile-open'),
    number: 'INC0010090',
    state: '2',
    opened_at: glideTime(now - 2 * 24 * HOUR_MS),
    resolved_at: '',
    business_duration: '',
    business_service: PROFILE_BUSINESS_SERVICE,
    sys_updated_on: glideTime(now - 2 * 24 * HOUR_MS),
  });
  records.push({
    sys_id: sysId('other-0'),
    number: 'INC0010099',
    state: '7',
    opened_at: glideTime(now - 5 * 24 * HOUR_MS),
    resolved_at: glideTime(now - 5 * 24 * HOUR_MS + 3 * HOUR_MS),
    business_duration: glideDuration(3 * HOUR_MS),
    business_service: OTHER_BUSINESS_SERVICE,
    sys_updated_on: glideTime(now - 5 * 24 * HOUR_MS + 3 * HOUR_MS),
  });
  return records.sort(
    (a, b) =>
      a.sys_updated_on.localeCompare(b.sys_updated_on) ||
      a.sys_id.localeCompare(b.sys_id),
  );
}

/** Whether a record meets one condition of an encoded query (`field>=value`, `fieldINa,b`, `field=value`). */
function meets(record, condition) {
  const match = /^([a-z_.]+?)(>=|<=|!=|>|<|=|IN)(.*)$/.exec(condition);
  if (!match) throw new Error(`unsupported condition ${condition}`);
  const [, field, op, value] = match;
  const actual = String(record[field] ?? '');
  switch (op) {
    case '>=':
      return actual >= value;
    case '<=':
      return actual <= value;
    case '>':
      return actual > value;
    case '<':
      return actual < value;
    case '!=':
      return actual !== value;
    case 'IN':
      return value.split(',').includes(actual);
    default:
      return actual === value;
  }
}

/** Whether a record matches an encoded query: `^NQ` ORs whole queries, `^` ANDs conditions (`^OR` ORs two). */
function matchesQuery(record, query) {
  if (!query) return true;
  return query.split('^NQ').some(group =>
    group
      .split('^')
      .filter(part => part && !part.startsWith('ORDERBY'))
      .reduce((groups, part) => {
        if (part.startsWith('OR') && groups.length > 0) {
          groups[groups.length - 1].push(part.slice(2));
        } else {
          groups.push([part]);
        }
        return groups;
      }, [])
      .every(anyOf => anyOf.some(condition => meets(record, condition))),
  );
}

/** Starts the fake on its fixed port; `records` are the incidents it serves (for tests to compute from). */
async function startFakeServiceNow({ now = Date.now() } = {}) {
  const records = incidents(now);
  const expected = basicAuth(
    SERVICENOW_USER,
    FAKE_CREDENTIALS['e2e-servicenow'].secret,
  );
  const server = await startJsonServer(
    FAKE_PORTS.servicenow,
    (req, url, send) => {
      if (req.headers.authorization !== expected) {
        send(401, {
          error: {
            message: 'User Not Authenticated',
            detail: 'Required to provide Auth information',
          },
          status: 'failure',
        });
        return;
      }
      const table = /^\/api\/now\/table\/([a-z_]+)$/.exec(url.pathname);
      if (req.method !== 'GET' || !table) {
        send(400, {
          error: { message: 'Invalid table', detail: url.pathname },
          status: 'failure',
        });
        return;
      }
      if (table[1] !== 'incident') {
        send(200, { result: [] });
        return;
      }
      const params = url.searchParams;
      const limit = Number(params.get('sysparm_limit') ?? 10000);
      const offset = Number(params.get('sysparm_offset') ?? 0);
      const fields = (params.get('sysparm_fields') ?? '')
        .split(',')
        .filter(Boolean);
      const matching = records.filter(r =>
        matchesQuery(r, params.get('sysparm_query') ?? ''),
      );
      const page = matching
        .slice(offset, offset + limit)
        .map(record =>
          fields.length === 0
            ? record
            : Object.fromEntries(fields.map(f => [f, record[f] ?? ''])),
        );
      const headers = { 'x-total-count': String(matching.length) };
      if (offset + limit < matching.length) {
        const next = new URL(url);
        next.searchParams.set('sysparm_offset', String(offset + limit));
        headers.link = `<${next}>;rel="next"`;
      }
      send(200, { result: page }, headers);
    },
  );
  return { ...server, records };
}

module.exports = { startFakeServiceNow, SERVICENOW_USER };
