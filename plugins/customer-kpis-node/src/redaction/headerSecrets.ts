// The secrets a request carries in its headers, so that whatever sends the request can keep them out of its errors.

/** Headers whose values are credentials. */
const SENSITIVE_HEADER =
  /^(?:proxy-)?authorization$|api[-_]?key|token|secret|cookie/i;

/**
 * The secret values in `headers`: each sensitive header's value, the credential after its scheme (`Bearer x` → `x`),
 * and for Basic authentication the decoded `user:password` and the password. A module that forgets to pass the
 * portal's redactor still cannot echo the credential it sent.
 */
export function secretsOfHeaders(headers: HeadersInit | undefined): string[] {
  const secrets: string[] = [];
  let parsed: Headers;
  try {
    parsed = new Headers(headers);
  } catch {
    // fetch refuses these headers too; its error then passes through the portal's redactor
    return [];
  }
  parsed.forEach((value, name) => {
    if (!SENSITIVE_HEADER.test(name)) return;
    secrets.push(value);
    const scheme = /^(\w+)\s+(\S+)$/.exec(value.trim());
    if (!scheme) return;
    secrets.push(scheme[2]);
    if (scheme[1].toLowerCase() === 'basic') {
      const decoded = Buffer.from(scheme[2], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      secrets.push(decoded);
      if (colon >= 0) secrets.push(decoded.slice(colon + 1));
    }
  });
  // A fragment of a few characters (a two-letter password of a test server) would blot out unrelated words.
  return secrets.filter(secret => secret.length >= 4);
}
