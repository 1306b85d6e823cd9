// The portal's customer-kpis REST API as the guest (a platform engineer), for what the end-to-end tests read or
// clean up beside the pages: an entity's KPIs, the sources, their runs, the credentials, retractions.
const assert = require('node:assert/strict');
const { BACKEND_URL, guestSession } = require('./portal');

const BASE = `${BACKEND_URL}/api/customer-kpis`;

/** `fetch` of a customer-kpis route with the guest's token; resolves to the Response. */
async function apiFetch(path, init = {}) {
  const { token } = await guestSession();
  return fetch(`${BASE}${path}`, {
    ...init,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(init.body ? { 'Content-Type': 'application/json' } : {}),
      ...init.headers,
    },
    signal: AbortSignal.timeout(30_000),
  });
}

/** The JSON answer of a route, asserting a 2xx status. */
async function apiJson(path, init) {
  const res = await apiFetch(path, init);
  const text = await res.text();
  assert.ok(
    res.ok,
    `${init?.method ?? 'GET'} ${path} answered ${res.status}: ${text}`,
  );
  return text ? JSON.parse(text) : undefined;
}

/** An entity's KPIs (`GET /entities/{kind}/{namespace}/{name}/kpis`) over a window such as `90d`. */
function entityKpis(entityPath, window = '90d') {
  return apiJson(`/entities/${entityPath}/kpis?window=${window}`);
}

/** The summary of one KPI of an entity over a window. */
async function kpiSummary(entityPath, kpi, window = '90d') {
  const response = await entityKpis(entityPath, window);
  const found = response.kpis.find(k => k.kpi === kpi);
  assert.ok(found, `${entityPath} has a ${kpi} entry`);
  return found.summary;
}

/** The ids of the registered and configured sources. */
async function sourceIds() {
  const body = await apiJson('/sources');
  const sources = Array.isArray(body) ? body : body.sources ?? body.items;
  return sources.map(s => s.id ?? s.definition?.id).sort();
}

/** The runs of a source, newest first (empty for an unknown source). */
async function sourceRuns(id) {
  const res = await apiFetch(`/sources/${encodeURIComponent(id)}/runs`);
  if (res.status === 404) return [];
  const body = await res.json();
  return Array.isArray(body) ? body : body.runs ?? body.items ?? [];
}

/** The names of the credentials the portal offers sources. */
async function credentialNames() {
  const body = await apiJson('/credentials');
  const list = Array.isArray(body) ? body : body.credentials ?? body.items;
  return list.map(c => c.name).sort();
}

/** Deletes a source if it exists (its data stays); never throws, for `after` hooks. */
async function deleteSourceQuietly(id) {
  try {
    await apiFetch(`/sources/${encodeURIComponent(id)}`, { method: 'DELETE' });
  } catch {
    // the portal is gone: nothing to clean up
  }
}

/** Retracts observations of a source by id through the push API (unknown ids are no-ops); returns the counts. */
async function retract(source, ids) {
  const counts = { retracted: 0, unchanged: 0 };
  for (let i = 0; i < ids.length; i += 500) {
    const answer = await apiJson('/observations', {
      method: 'POST',
      body: JSON.stringify({ source, retractions: ids.slice(i, i + 500) }),
    });
    counts.retracted += answer.counts?.retracted ?? answer.retracted ?? 0;
    counts.unchanged += answer.counts?.unchanged ?? answer.unchanged ?? 0;
  }
  return counts;
}

module.exports = {
  apiFetch,
  apiJson,
  entityKpis,
  kpiSummary,
  sourceIds,
  sourceRuns,
  credentialNames,
  deleteSourceQuietly,
  retract,
};
