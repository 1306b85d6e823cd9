import { jiraConfigSchema } from './config';

describe('jiraConfigSchema', () => {
  const base = {
    baseUrl: 'https://acme.atlassian.net',
    credential: 'jira-api',
  };

  it('has defaults for everything but the site and the credential', () => {
    expect(jiraConfigSchema.parse(base)).toEqual({
      ...base,
      deployment: 'cloud',
      requestTypeField: 'customfield_10010',
      feedback: true,
      initialLookbackDays: 90,
      overlapMinutes: 10,
      pageSize: 100,
      retries: 4,
      minRetryDelayMs: 1000,
    });
  });

  it.each([
    [
      { baseUrl: 'ftp://jira.example' },
      'baseUrl',
      'baseUrl must be an http(s) URL such as https://acme.atlassian.net',
    ],
    [
      { slaField: 'Time to resolution' },
      'slaField',
      'slaField must be a custom field id such as "customfield_10030"',
    ],
    [
      { timeZone: 'Mars/Olympus' },
      'timeZone',
      'timeZone must be an IANA time zone such as "Europe/Berlin"',
    ],
    [{ deployment: 'server' }, 'deployment', undefined],
    [{ apiToken: 'secret' }, '', undefined],
  ])('refuses %j, naming the field', (change, path, message) => {
    const result = jiraConfigSchema.safeParse({ ...base, ...change });
    expect(result.success).toBe(false);
    const issue = result.error!.issues[0];
    if (path) {
      expect(issue.path.join('.')).toBe(path);
    } else {
      expect(issue.code).toBe('unrecognized_keys');
    }
    if (message) {
      expect(issue.message).toBe(message);
    }
  });
});
