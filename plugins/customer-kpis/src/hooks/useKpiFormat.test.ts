import { resolveLocale } from './useKpiFormat';

describe('resolveLocale', () => {
  it('takes the browser locale that speaks the app language, for regional formats', () => {
    expect(resolveLocale('en', ['en-GB', 'fr-FR'])).toBe('en-GB');
    expect(resolveLocale('fr', ['en-GB', 'fr-CA'])).toBe('fr-CA');
  });

  it('falls back to the app language when the browser speaks another', () => {
    expect(resolveLocale('it', ['en-US'])).toBe('it');
  });

  it('uses the browser locale when the app has no language', () => {
    expect(resolveLocale(undefined, ['es-ES'])).toBe('es-ES');
    expect(resolveLocale(undefined, [])).toBe('en');
  });
});
