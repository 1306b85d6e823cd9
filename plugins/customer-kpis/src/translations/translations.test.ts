// Every language has exactly the keys of the English messages, with the same placeholders, and reaches the app.
// eslint-disable-next-line no-restricted-imports -- the test runs in Node and lists the language files beside it
import { readdirSync } from 'fs';
import { createElement } from 'react';
import { screen } from '@testing-library/react';
import {
  PageBlueprint,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import { renderTestApp } from '@backstage/frontend-test-utils';
import {
  customerKpisLanguages,
  customerKpisMessages,
  customerKpisTranslationRef,
} from './ref';

type Nested = { [key: string]: Nested | string };

/** The dotted keys of nested messages, as the ref flattens them: `{ card: { title } }` → `card.title`. */
function flatten(nested: Nested, prefix = ''): Record<string, string> {
  return Object.fromEntries(
    Object.entries(nested).flatMap(([key, value]) =>
      typeof value === 'string'
        ? [[`${prefix}${key}`, value]]
        : Object.entries(flatten(value, `${prefix}${key}.`)),
    ),
  );
}

const english = flatten(customerKpisMessages);

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map(m => m[1]).sort();
}

// The language files as `createTranslationMessages` built them, before the ref's loader unwraps them.
async function languageFile(language: string) {
  return (await import(`./${language}`)).default;
}

const languages = Object.keys(customerKpisLanguages);

describe('customer-kpis translations', () => {
  it('registers every language file of this folder with the ref', () => {
    const files = readdirSync(__dirname)
      .filter(name => /^[a-z]{2}(-[A-Z]{2})?\.ts$/.test(name))
      .map(name => name.replace(/\.ts$/, ''));
    expect(languages.sort()).toEqual(files.sort());
    expect(languages.length).toBeGreaterThan(0);
  });

  it.each(languages)(
    '%s has every key of the English messages and no other',
    async language => {
      const file = await languageFile(language);
      expect(file.id).toBe(customerKpisTranslationRef.id);
      expect(file.full).toBe(true);
      expect(Object.keys(file.messages).sort()).toEqual(
        Object.keys(english).sort(),
      );
    },
  );

  it.each(languages)(
    '%s keeps the placeholders of each English message',
    async language => {
      const { messages } = await languageFile(language);
      const mismatches = Object.entries(english).flatMap(([key, text]) => {
        const translated: unknown = messages[key];
        if (typeof translated !== 'string' || translated.trim() === '') {
          return [`${key}: no text`];
        }
        const expected = placeholders(text).join(',');
        const actual = placeholders(translated).join(',');
        return expected === actual
          ? []
          : [`${key}: {{${actual}}} instead of {{${expected}}}`];
      });
      expect(mismatches).toEqual([]);
    },
  );

  describe('in an app set to another language', () => {
    beforeEach(() => window.localStorage.clear());

    function Title() {
      const { t } = useTranslationRef(customerKpisTranslationRef);
      return createElement('h1', null, t('card.title'));
    }

    // Through the app's own translation and language APIs: the ref's default resource loads the language, with no
    // resource registered by the app (as both frontend systems do).
    it.each(languages)(
      'shows the %s texts',
      async language => {
        renderTestApp({
          config: {
            app: {
              baseUrl: 'http://localhost:3000',
              extensions: [
                {
                  'api:app/app-language': {
                    config: {
                      availableLanguages: ['en', language],
                      defaultLanguage: language,
                    },
                  },
                },
              ],
            },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          extensions: [
            PageBlueprint.make({
              params: {
                path: '/',
                loader: async () => createElement(Title),
              },
            }),
          ],
        });
        const { messages } = await languageFile(language);
        expect(
          // The first app of the file loads the page lazily, beyond findBy's default second.
          await screen.findByRole(
            'heading',
            { name: messages['card.title'] },
            { timeout: 15_000 },
          ),
        ).toBeInTheDocument();
        expect(messages['card.title']).not.toBe(english['card.title']);
      },
      20_000,
    );
  });
});
