// The test run's summary: entities bound and observations of the first page, each in the plural form of its count,
// in English and, through the app's real language API, in Russian (one, few and many forms).
import { createElement } from 'react';
import { screen } from '@testing-library/react';
import { PageBlueprint } from '@backstage/frontend-plugin-api';
import { renderInTestApp, renderTestApp } from '@backstage/frontend-test-utils';
import { SourceDryRunResponse } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { DryRunResult } from './DryRunResult';

const result = (entities: number, observations: number) =>
  ({
    entities,
    observations,
    sample: [],
    invalid: [],
    error: null,
  } satisfies SourceDryRunResponse);

describe('DryRunResult', () => {
  it.each([
    [1, 1, '1 entity bound; 1 observation on the first page.'],
    [2, 0, '2 entities bound; 0 observations on the first page.'],
    [0, 1234, '0 entities bound; 1,234 observations on the first page.'],
  ])(
    'bound %p, first page %p: each count in its plural form',
    async (entities, observations, text) => {
      await renderInTestApp(
        <DryRunResult result={result(entities, observations)} />,
      );
      expect(screen.getByTestId('source-dry-run-summary')).toHaveTextContent(
        text,
      );
    },
  );

  it.each([
    [1, '1 observation would be rejected'],
    [2, '2 observations would be rejected'],
  ])(
    '%p invalid observations: the count in its plural form',
    async (invalid, text) => {
      await renderInTestApp(
        <DryRunResult
          result={{
            ...result(1, invalid),
            invalid: Array.from({ length: invalid }, (_, index) => ({
              index,
              path: 'score',
              message: 'score must be at most 10',
            })),
          }}
        />,
      );
      expect(screen.getByTestId('source-dry-run-invalid')).toHaveTextContent(
        text,
      );
    },
  );

  describe('in an app set to Russian', () => {
    beforeEach(() => window.localStorage.clear());

    it.each([
      [1, 21, '1 сущность привязана; 21 наблюдение на первой странице.'],
      [3, 22, '3 сущности привязаны; 22 наблюдения на первой странице.'],
      [5, 11, '5 сущностей привязано; 11 наблюдений на первой странице.'],
    ])(
      'bound %p, first page %p: each count in its plural form',
      async (entities, observations, text) => {
        renderTestApp({
          config: {
            app: {
              baseUrl: 'http://localhost:3000',
              extensions: [
                {
                  'api:app/app-language': {
                    config: {
                      availableLanguages: ['en', 'ru'],
                      defaultLanguage: 'ru',
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
                loader: async () =>
                  createElement(DryRunResult, {
                    result: result(entities, observations),
                  }),
              },
            }),
          ],
        });
        // The page and the Russian texts load lazily, beyond findBy's default second.
        expect(
          await screen.findByText(text, {}, { timeout: 15_000 }),
        ).toBeInTheDocument();
      },
      20_000,
    );
  });
});
