// The bench's HTTP callers: a bearer token per caller, and the bench backend's sign-in (./backend.js).

/** Calls the backend with one token; throws on any answer but 2xx, so that an error fails the bench. */
class Api {
  constructor(baseUrl, token) {
    this.baseUrl = baseUrl;
    this.token = token;
  }

  async request(method, route, body) {
    const res = await fetch(`${this.baseUrl}${route}`, {
      method,
      headers: {
        Authorization: `Bearer ${this.token}`,
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(300_000),
    });
    const text = await res.text();
    if (!res.ok) {
      throw new Error(
        `${method} ${route} answered ${res.status}: ${text.slice(0, 500)}`,
      );
    }
    return text ? JSON.parse(text) : undefined;
  }

  get(route) {
    return this.request('GET', route);
  }
}

async function signIn(baseUrl, user) {
  const res = await fetch(
    `${baseUrl}/api/auth/bench/refresh?user=${encodeURIComponent(user)}`,
    { method: 'POST', headers: { 'X-Requested-With': 'XMLHttpRequest' } },
  );
  if (!res.ok)
    throw new Error(
      `sign-in of ${user} answered ${res.status}: ${await res.text()}`,
    );
  return (await res.json()).backstageIdentity.token;
}

module.exports = { Api, signIn };
