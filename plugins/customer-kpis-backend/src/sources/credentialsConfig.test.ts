import { ConfigReader } from '@backstage/config';
import { readCredentials } from './credentialsConfig';

type Entry =
  | string
  | { secret?: string; allowedUrls?: string[]; host?: string };

const read = (credentials: Record<string, Entry>) =>
  readCredentials(new ConfigReader({ customerKpis: { credentials } }));

describe('readCredentials', () => {
  it('reads each secret with the URLs it may be sent to', () => {
    expect(
      read({
        'zendesk-api': {
          secret: 'zd-secret-0123',
          allowedUrls: ['https://acme.zendesk.com', 'https://proxy.example/zd'],
        },
      }),
    ).toEqual({
      'zendesk-api': {
        secret: 'zd-secret-0123',
        allowedUrls: ['https://acme.zendesk.com', 'https://proxy.example/zd'],
      },
    });
    expect(readCredentials(new ConfigReader({}))).toEqual({});
  });

  it('refuses the old plain-string form, saying how to write the new one and never quoting the secret', () => {
    let message = '';
    try {
      read({ 'zendesk-api': 'zd-secret-0123' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(
      /^customerKpis\.credentials\.zendesk-api is a plain string; a credential now also says where it may be sent \(allowedUrls\)/,
    );
    expect(message).toContain(
      [
        '      zendesk-api:',
        '        secret: ${MY_SECRET_ENV_VAR}',
        '        allowedUrls: [https://acme.zendesk.com]',
      ].join('\n'),
    );
    expect(message).not.toContain('zd-secret-0123');
  });

  it.each([
    [
      'a missing secret',
      { allowedUrls: ['https://a.example'] },
      'customerKpis.credentials.c.secret is missing or not a string',
    ],
    [
      'a secret under 8 characters',
      { secret: 'short', allowedUrls: ['https://a.example'] },
      'customerKpis.credentials.c.secret is shorter than 8 characters',
    ],
    [
      'no allowed URLs',
      { secret: 'long-enough-secret' },
      'customerKpis.credentials.c.allowedUrls must be a non-empty list',
    ],
    [
      'an empty list of allowed URLs',
      { secret: 'long-enough-secret', allowedUrls: [] },
      'customerKpis.credentials.c.allowedUrls must be a non-empty list',
    ],
    [
      'an allowed URL without a scheme',
      { secret: 'long-enough-secret', allowedUrls: ['acme.zendesk.com'] },
      'customerKpis.credentials.c.allowedUrls[0]: "acme.zendesk.com" is not an absolute URL',
    ],
    [
      'an allowed URL with user info',
      {
        secret: 'long-enough-secret',
        allowedUrls: ['https://a.example', 'https://u:p@b.example'],
      },
      'customerKpis.credentials.c.allowedUrls[1]: "https://u:p@b.example" must not contain a user name or password',
    ],
    [
      'an unknown field',
      {
        secret: 'long-enough-secret',
        allowedUrls: ['https://a.example'],
        host: 'x',
      },
      'customerKpis.credentials.c has unknown field(s) host',
    ],
  ])('refuses %s, naming the field', (_what, entry, message) => {
    expect(() => read({ c: entry })).toThrow(message);
  });
});
