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
      {
        path: ['baseUrl'],
        message:
          'baseUrl must be an http(s) URL such as https://acme.atlassian.net',
      },
    ],
    [
      { slaField: 'Time to resolution' },
      {
        path: ['slaField'],
        message:
          'slaField must be a custom field id such as "customfield_10030"',
      },
    ],
    [
      { timeZone: 'Mars/Olympus' },
      {
        path: ['timeZone'],
        message: 'timeZone must be an IANA time zone such as "Europe/Berlin"',
      },
    ],
    [{ deployment: 'server' }, { path: ['deployment'] }],
    [{ apiToken: 'secret' }, { code: 'unrecognized_keys', keys: ['apiToken'] }],
  ])('refuses %j, naming the field', (change, expected) => {
    const result = jiraConfigSchema.safeParse({ ...base, ...change });
    expect(result.error?.issues[0]).toMatchObject(expected);
  });
});
