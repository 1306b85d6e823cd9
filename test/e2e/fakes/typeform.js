// A fake Typeform Responses API for the end-to-end tests: `GET /forms/{form_id}/responses` with a bearer personal
// access token, `page_size`, `since` (Unix seconds or ISO 8601, inclusive), `completed=true` and
// `sort=submitted_at,asc`, answering `{ total_items, page_count, items }` with the documented response items (token,
// submitted_at, hidden, answers with field { id, ref, type } and a typed value); 401 in Typeform's error shape for a
// wrong token. It holds NPS answers (with a CSAT rating and a free-text comment beside them) for customer-profile's
// form, one partial response, and responses of another form.
const { FAKE_CREDENTIALS, FAKE_PORTS } = require('./credentials');
const { PROFILE_TYPEFORM_FORM } = require('./exampleBindings');
const { startJsonServer } = require('./server');

/** The field ref of the NPS question of customer-profile's form (what a source maps to `recommend`). */
const NPS_REF = 'nps_recommend';
const CSAT_REF = 'csat_support';
const COMMENT_REF = 'comment_why';

const HOUR_MS = 3_600_000;

/** The NPS answers (0–10) of customer-profile's form, one per completed response, oldest first. */
const PROFILE_NPS_SCORES = [
  10, 9, 9, 10, 8, 7, 6, 10, 9, 3, 10, 9, 8, 9, 10, 5, 9, 10, 7, 9, 10, 2, 9, 8,
  10, 9, 6, 10, 9, 10, 8, 9, 10, 4, 9, 10,
];

function answer(ref, type, value) {
  const field = { id: `fld_${ref}`, ref, type };
  if (type === 'long_text') return { field, type: 'text', text: value };
  return { field, type: 'number', number: value };
}

/** The responses, relative to `now`: one every five hours back from an hour ago. */
function responses(now) {
  const items = PROFILE_NPS_SCORES.map((score, i) => ({
    form: PROFILE_TYPEFORM_FORM,
    completed: true,
    token: `cpnps${String(i).padStart(4, '0')}x7k2`,
    submitted_at: new Date(now - (1 + 5 * i) * HOUR_MS).toISOString(),
    answers: [
      answer(NPS_REF, 'nps', score),
      answer(CSAT_REF, 'rating', Math.max(1, Math.round(score / 2))),
      answer(COMMENT_REF, 'long_text', `Comment number ${i}`),
    ],
  }));
  items.push({
    form: PROFILE_TYPEFORM_FORM,
    completed: false,
    token: 'cpnpspartial01',
    submitted_at: new Date(now - 2 * HOUR_MS).toISOString(),
    answers: [answer(NPS_REF, 'nps', 0)],
  });
  for (let i = 0; i < 4; i++) {
    items.push({
      form: 'OtherForm01',
      completed: true,
      token: `other${i}zz`,
      submitted_at: new Date(now - (3 + i) * HOUR_MS).toISOString(),
      answers: [answer(NPS_REF, 'nps', 0)],
    });
  }
  return items;
}

/** `since`/`until` as Typeform takes them: Unix seconds or an ISO 8601 date-time. */
function parseTime(value) {
  if (value === null) return undefined;
  return /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value);
}

/** Starts the fake on its fixed port; `responses` are what it serves (for tests to compute from). */
async function startFakeTypeform({ now = Date.now() } = {}) {
  const all = responses(now);
  const expected = `Bearer ${FAKE_CREDENTIALS['e2e-typeform'].secret}`;
  const server = await startJsonServer(
    FAKE_PORTS.typeform,
    (req, url, send) => {
      if (req.headers.authorization !== expected) {
        send(401, {
          code: 'AUTHENTICATION_FAILED',
          description:
            'Authentication credentials not found on the Request Headers',
        });
        return;
      }
      const route = /^\/forms\/([^/]+)\/responses$/.exec(url.pathname);
      if (req.method !== 'GET' || !route) {
        send(404, { code: 'NOT_FOUND', description: 'Endpoint not found' });
        return;
      }
      const formId = decodeURIComponent(route[1]);
      const params = url.searchParams;
      const since = parseTime(params.get('since'));
      const until = parseTime(params.get('until'));
      const pageSize = Math.min(Number(params.get('page_size') ?? 25), 1000);
      const descending = params.get('sort') !== 'submitted_at,asc';
      const completed = params.get('completed');
      const matching = all
        .filter(r => r.form === formId)
        .filter(r => completed === null || String(r.completed) === completed)
        .filter(r => since === undefined || Date.parse(r.submitted_at) >= since)
        .filter(r => until === undefined || Date.parse(r.submitted_at) <= until)
        .sort(
          (a, b) =>
            (descending ? -1 : 1) *
            a.submitted_at.localeCompare(b.submitted_at),
        );
      send(200, {
        total_items: matching.length,
        page_count: Math.max(1, Math.ceil(matching.length / pageSize)),
        items: matching.slice(0, pageSize).map(r => ({
          landing_id: r.token,
          token: r.token,
          response_id: r.token,
          landed_at: r.submitted_at,
          submitted_at: r.submitted_at,
          metadata: { platform: 'other', browser: 'default' },
          hidden: {},
          calculated: { score: 0 },
          answers: r.answers,
        })),
      });
    },
  );
  return { ...server, responses: all };
}

module.exports = {
  startFakeTypeform,
  NPS_REF,
  PROFILE_NPS_SCORES,
};
