import { redactUrl } from './redactUrl';

describe('redactUrl', () => {
  it('drops user info and masks secret-looking query values', () => {
    expect(
      redactUrl('https://me:pw@x.example/api?access_token=abc&page=2'),
    ).toBe('https://x.example/api?access_token=***&page=2');
  });

  it('leaves other URLs as they are, brackets included', () => {
    expect(redactUrl('https://x.example/a?page[size]=100')).toBe(
      'https://x.example/a?page[size]=100',
    );
  });
});
