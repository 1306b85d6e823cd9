// Decides whether a request URL lies under one of the URLs a credential is allowed for (scheme, host, port, path).

/** Percent-encoded `/` or `\`: a server may decode them into separators after our check, so they never match. */
const ENCODED_SEPARATOR = /%2f|%5c/i;

/**
 * Database schemes (the `sql` source's connections, `postgresql://host:port/database`): the one name each is compared
 * by, and its usual port. URL parsing knows no default port for them and keeps their host as written, so both are
 * filled in and the host is lower-cased here, to compare them as the http(s) ones are.
 */
const DATABASE_SCHEMES: Record<string, { scheme: string; port: string }> = {
  'postgresql:': { scheme: 'postgresql:', port: '5432' },
  'postgres:': { scheme: 'postgresql:', port: '5432' },
  'mysql:': { scheme: 'mysql:', port: '3306' },
  'mariadb:': { scheme: 'mysql:', port: '3306' },
};

function isHttp(url: URL): boolean {
  return url.protocol === 'https:' || url.protocol === 'http:';
}

function isAllowedScheme(url: URL): boolean {
  return isHttp(url) || url.protocol in DATABASE_SCHEMES;
}

/** Scheme, host and port as compared: database URLs with their canonical scheme, default port and lower-case host. */
function originKey(url: URL): string {
  const database = DATABASE_SCHEMES[url.protocol];
  if (!database) return `${url.protocol}//${url.hostname}:${url.port}`;
  return `${database.scheme}//${url.hostname.toLowerCase()}:${
    url.port || database.port
  }`;
}

/**
 * Parses one entry of a credential's `allowedUrls`: an absolute http(s) URL, an origin (`https://acme.zendesk.com`)
 * or a base URL whose path is a prefix (`https://proxy.example/zendesk`); or a database server or database of the
 * `sql` source (`postgresql://db.example:5432/warehouse`, `mysql://db.example:3306`). Throws an Error saying what is
 * wrong.
 */
export function parseAllowedUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`"${text}" is not an absolute URL`);
  }
  if (!isAllowedScheme(url)) {
    throw new Error(
      `"${text}" must start with https:// or http:// (or, for a database, postgresql:// or mysql://)`,
    );
  }
  if (url.username || url.password) {
    throw new Error(`"${text}" must not contain a user name or password`);
  }
  if (url.search || url.hash || text.includes('?') || text.includes('#')) {
    throw new Error(`"${text}" must not contain a query or a fragment`);
  }
  if (ENCODED_SEPARATOR.test(url.pathname)) {
    throw new Error(`"${text}" must not contain an encoded / or \\`);
  }
  return url;
}

/** The path prefix of an allowed URL, without trailing slashes: `''` allows every path of the origin. */
function pathPrefix(allowed: URL): string {
  return allowed.pathname.replace(/\/+$/, '');
}

/**
 * Whether `url` may receive a credential that is allowed for `allowedUrls`: it must be an http(s) URL without user
 * info and without encoded path separators, with the same scheme, host and port as one allowed URL, and a path equal
 * to that URL's path or below it at a segment boundary (`/api` allows `/api` and `/api/x`, not `/apix`).
 *
 * Parsing follows the WHATWG URL standard, as `fetch` does: host names are compared lower-cased and in punycode,
 * default ports are dropped, and `.`/`..` segments (also as `%2e`) are resolved before the comparison, so the URL
 * compared is the URL requested. Database URLs (`postgresql:`/`postgres:`, `mysql:`/`mariadb:`) follow the same rules,
 * with the database as the path: `postgresql://db.example:5432/warehouse` allows that database only,
 * `postgresql://db.example:5432` every database of that server; `postgres:` means `postgresql:`, `mariadb:` means
 * `mysql:`, and a missing port is the usual one (5432, 3306).
 */
export function isUrlAllowed(
  url: string | URL,
  allowedUrls: readonly string[],
): boolean {
  let target: URL;
  try {
    target = new URL(String(url));
  } catch {
    return false;
  }
  if (
    !isAllowedScheme(target) ||
    target.username ||
    target.password ||
    ENCODED_SEPARATOR.test(target.pathname)
  ) {
    return false;
  }
  return allowedUrls.some(text => {
    let allowed: URL;
    try {
      allowed = parseAllowedUrl(text);
    } catch {
      return false;
    }
    if (originKey(allowed) !== originKey(target)) {
      return false;
    }
    const prefix = pathPrefix(allowed);
    return (
      prefix === '' ||
      target.pathname === prefix ||
      target.pathname.startsWith(`${prefix}/`)
    );
  });
}
