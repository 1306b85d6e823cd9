// Makes a URL safe to put in an error message or a log line: no user info, no secret-looking query values.

const SECRET_PARAMETER =
  /(token|secret|password|passwd|api[-_]?key|apikey|access[-_]?key|signature|auth)/i;

/** URLs inside a text, any scheme (`https://…`, `postgresql://…`), up to white space or a quote. */
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;
/** Punctuation that ends a sentence rather than the URL before it. */
const TRAILING_PUNCTUATION = /[.,;:!?)\]}]+$/;

function hasSecretParameter(url: URL): boolean {
  return [...url.searchParams.keys()].some(key => SECRET_PARAMETER.test(key));
}

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

/**
 * `text` with {@link redactUrl} applied to every URL in it that has user info or a secret-looking query value; other
 * URLs are left exactly as written.
 */
export function redactUrlsInText(text: string): string {
  return text.replace(URL_IN_TEXT, match => {
    const trailing = TRAILING_PUNCTUATION.exec(match)?.[0] ?? '';
    const candidate = match.slice(0, match.length - trailing.length);
    let parsed: URL;
    try {
      parsed = new URL(candidate);
    } catch {
      return match;
    }
    if (!parsed.username && !parsed.password && !hasSecretParameter(parsed)) {
      return match;
    }
    return redactUrl(parsed) + trailing;
  });
}
