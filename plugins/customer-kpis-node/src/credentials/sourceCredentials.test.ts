import { createSourceCredentials } from './sourceCredentials';

describe('createSourceCredentials', () => {
  const credentials = createSourceCredentials({
    'zendesk-api': {
      secret: 'zd-secret-0123456789',
      allowedUrls: ['https://acme.zendesk.com'],
    },
  });

  it('hands out a secret for a URL its credential allows', () => {
    expect(
      credentials.get('zendesk-api', 'https://acme.zendesk.com/api/v2/x'),
    ).toBe('zd-secret-0123456789');
    expect(credentials.has('zendesk-api')).toBe(true);
  });

  it('refuses a URL the credential does not allow, naming it and the allowed URLs but not the secret', () => {
    let message = '';
    try {
      credentials.get(
        'zendesk-api',
        'https://me:pw@evil.example/steal?token=t',
      );
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      'Credential "zendesk-api" may not be sent to https://evil.example/steal?token=***: customerKpis.credentials.zendesk-api.allowedUrls allows only https://acme.zendesk.com',
    );
  });

  it('refuses an unknown name, also one that is a property of every object', () => {
    for (const name of ['nope', 'toString', '__proto__', 'constructor']) {
      expect(credentials.has(name)).toBe(false);
      expect(() => credentials.get(name, 'https://acme.zendesk.com/')).toThrow(
        `No credential named "${name}" in customerKpis.credentials`,
      );
    }
  });
});
