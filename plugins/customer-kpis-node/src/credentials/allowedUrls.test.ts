import { isUrlAllowed, parseAllowedUrl } from './allowedUrls';

describe('isUrlAllowed', () => {
  const origin = ['https://acme.zendesk.com'];
  const base = ['https://proxy.example/zendesk'];

  it.each([
    ['the origin itself', origin, 'https://acme.zendesk.com'],
    [
      'any path of an allowed origin',
      origin,
      'https://acme.zendesk.com/api/v2/x.json?a=1',
    ],
    ['the base URL itself', base, 'https://proxy.example/zendesk'],
    [
      'a path below the base URL',
      base,
      'https://proxy.example/zendesk/api/v2/',
    ],
    [
      'a base URL given with a trailing slash',
      ['https://proxy.example/zendesk/'],
      'https://proxy.example/zendesk/api',
    ],
    ['an upper-case host', origin, 'https://ACME.Zendesk.COM/api'],
    [
      'the default port written out',
      origin,
      'https://acme.zendesk.com:443/api',
    ],
    [
      'an IDN host against its punycode',
      ['https://xn--mnchen-3ya.example'],
      'https://münchen.example/api',
    ],
    [
      'an allowed IDN host against its punycode',
      ['https://münchen.example'],
      'https://xn--mnchen-3ya.example/api',
    ],
    [
      'a port that is allowed',
      ['http://127.0.0.1:9090'],
      'http://127.0.0.1:9090/api/v1/query',
    ],
    [
      'one of several allowed URLs',
      ['https://a.example', 'https://b.example/x'],
      'https://b.example/x/y',
    ],
  ])('allows %s', (_what, allowed, url) => {
    expect(isUrlAllowed(url, allowed)).toBe(true);
  });

  it.each([
    ['another scheme', origin, 'http://acme.zendesk.com/api'],
    ['another port', origin, 'https://acme.zendesk.com:8443/api'],
    [
      'a port where the default is allowed',
      ['http://127.0.0.1'],
      'http://127.0.0.1:9090/',
    ],
    ['another host', origin, 'https://evil.example/api'],
    [
      'a host that starts with the allowed host',
      origin,
      'https://acme.zendesk.com.evil.example/api',
    ],
    [
      'a host that ends with the allowed host',
      origin,
      'https://evilacme.zendesk.com/api',
    ],
    [
      'a subdomain of the allowed host',
      origin,
      'https://x.acme.zendesk.com/api',
    ],
    [
      'user info before the allowed host',
      origin,
      'https://acme.zendesk.com@evil.example/api',
    ],
    [
      'user info on the allowed host',
      origin,
      'https://me:pw@acme.zendesk.com/api',
    ],
    [
      'a path that merely starts with the base path',
      base,
      'https://proxy.example/zendeskx/api',
    ],
    ['a path above the base path', base, 'https://proxy.example/other'],
    [
      'a .. segment out of the base path',
      base,
      'https://proxy.example/zendesk/../admin',
    ],
    [
      'an encoded .. segment out of the base path',
      base,
      'https://proxy.example/zendesk/%2e%2e/admin',
    ],
    [
      'a backslash .. segment out of the base path',
      base,
      'https://proxy.example/zendesk\\..\\admin',
    ],
    ['an encoded slash', base, 'https://proxy.example/zendesk/..%2Fadmin'],
    ['an encoded backslash', base, 'https://proxy.example/zendesk/..%5cadmin'],
    ['another path case', base, 'https://proxy.example/Zendesk/api'],
    ['a URL that does not parse', origin, 'not a url'],
    [
      'a scheme other than http(s)',
      ['https://acme.zendesk.com'],
      'ftp://acme.zendesk.com/',
    ],
    ['nothing allowed', [], 'https://acme.zendesk.com/'],
    [
      'an allowed entry that is invalid',
      ['acme.zendesk.com'],
      'https://acme.zendesk.com/',
    ],
  ])('refuses %s', (_what, allowed, url) => {
    expect(isUrlAllowed(url, allowed)).toBe(false);
  });
});

describe('parseAllowedUrl', () => {
  it('takes origins and base URLs', () => {
    expect(parseAllowedUrl('https://acme.zendesk.com').href).toBe(
      'https://acme.zendesk.com/',
    );
    expect(parseAllowedUrl('http://127.0.0.1:9090/prom/').pathname).toBe(
      '/prom/',
    );
  });

  it.each([
    ['acme.zendesk.com', 'is not an absolute URL'],
    [
      'ftp://files.example',
      'must start with https:// or http:// (or, for a database, postgresql:// or mysql://)',
    ],
    [
      'https://me:pw@acme.zendesk.com',
      'must not contain a user name or password',
    ],
    ['https://acme.zendesk.com/?x=1', 'must not contain a query or a fragment'],
    ['https://acme.zendesk.com/#top', 'must not contain a query or a fragment'],
    ['https://acme.zendesk.com/a%2Fb', 'must not contain an encoded / or \\'],
  ])('refuses %s', (text, reason) => {
    expect(() => parseAllowedUrl(text)).toThrow(`"${text}" ${reason}`);
  });
});

describe('isUrlAllowed with database URLs (the sql source)', () => {
  const database = ['postgresql://db.example:5432/warehouse'];
  const server = ['mysql://db.example'];

  it.each([
    ['the database itself', database, 'postgresql://db.example:5432/warehouse'],
    ['postgres: for postgresql:', database, 'postgres://db.example/warehouse'],
    [
      'the default port left out',
      database,
      'postgresql://db.example/warehouse',
    ],
    ['an upper-case host', database, 'postgresql://DB.Example:5432/warehouse'],
    [
      'any database of an allowed server',
      server,
      'mysql://db.example:3306/kpis',
    ],
    ['mariadb: for mysql:', server, 'mariadb://db.example/kpis'],
  ])('allows %s', (_what, allowed, url) => {
    expect(isUrlAllowed(url, allowed)).toBe(true);
  });

  it.each([
    ['another database', database, 'postgresql://db.example:5432/other'],
    [
      'a database whose name starts with the allowed one',
      database,
      'postgresql://db.example:5432/warehouse2',
    ],
    ['another port', database, 'postgresql://db.example:5433/warehouse'],
    ['another host', database, 'postgresql://evil.example:5432/warehouse'],
    ['another database kind', database, 'mysql://db.example:5432/warehouse'],
    ['an http URL of the same host', server, 'https://db.example/'],
    ['user info', database, 'postgresql://me:pw@db.example:5432/warehouse'],
    [
      'a database URL for an http credential',
      ['https://db.example'],
      'postgresql://db.example/x',
    ],
    ['a file path', ['https://db.example'], '/var/lib/warehouse.sqlite'],
  ])('refuses %s', (_what, allowed, url) => {
    expect(isUrlAllowed(url, allowed)).toBe(false);
  });

  it('parses database URLs as allowed URLs', () => {
    expect(
      parseAllowedUrl('postgresql://db.example:5432/warehouse').pathname,
    ).toBe('/warehouse');
    expect(() => parseAllowedUrl('postgresql://kpi:secret@db.example')).toThrow(
      'must not contain a user name or password',
    );
  });
});
