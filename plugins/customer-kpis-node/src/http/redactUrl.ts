// Makes a URL safe to put in an error message or a log line: no user info, no secret-looking query values.

const SECRET_PARAMETER =
  /(token|secret|password|passwd|api[-_]?key|apikey|access[-_]?key|signature|auth)/i;

/** `url` without user name and password, and with the values of secret-looking query parameters replaced by `***`. */
export function redactUrl(url: string | URL): string {
  let parsed: URL;
  try {
    parsed = new URL(String(url));
  } catch {
    return '(invalid URL)';
  }
  parsed.username = '';
  parsed.password = '';
  for (const key of [...parsed.searchParams.keys()]) {
    if (SECRET_PARAMETER.test(key)) {
      parsed.searchParams.set(key, '***');
    }
  }
  return parsed.toString();
}
