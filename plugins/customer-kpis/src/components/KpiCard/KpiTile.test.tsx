// The card's tiles without hover: the status in words, the target and the 95% interval as text on every tile that has
// them, a name that says the value, n and status, and lines that wrap rather than being cut; in every language.
import { act, fireEvent, screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import {
  EntityKpisResponse,
  KPI_IDS,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { CustomerKpisApi, customerKpisApiRef } from '../../api';
import {
  emptySummary,
  entityKpisResponse,
  summaries,
} from '../../__testUtils__/fixtures';
import { customerKpisLanguages } from '../../translations/ref';
import {
  EntityCustomerKpisCard,
  MIN_TILE_WIDTH,
} from './EntityCustomerKpisCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-service', namespace: 'default' },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
};

/** Every KPI with its default target, in each status once; NPS significantly worse. */
function variedKpis(): EntityKpisResponse {
  return entityKpisResponse(
    {},
    {
      recommend: {
        status: 'good',
        thresholds: { target: 30, warning: 0, source: 'annotation' },
        comparison: {
          previous: 62,
          delta: -11,
          significant: true,
          change: 'worse',
          test: 'nps-difference',
        },
      },
      satisfaction: {
        status: 'warning',
        thresholds: { target: 80, warning: 55, source: 'default' },
      },
      'time-to-resolve': {
        status: 'good',
        thresholds: { target: 1440, warning: 4320, source: 'default' },
      },
      'time-to-value': {
        status: 'critical',
        thresholds: { target: 1440, warning: 2880, source: 'default' },
      },
      'customer-effort': {
        status: 'critical',
        thresholds: { target: 5.5, warning: 5.5, source: 'config' },
      },
      retention: {
        status: 'good',
        thresholds: { target: 90, warning: 80, source: 'default' },
      },
      adoption: {
        status: 'warning',
        thresholds: { target: 60, warning: 40, source: 'default' },
      },
    },
  );
}

function mockApi(response: () => EntityKpisResponse): CustomerKpisApi {
  const used: Partial<CustomerKpisApi> = {
    getEntityKpis: jest.fn(async () => response()),
  };
  return used as CustomerKpisApi;
}

function languageConfig(language: string) {
  return {
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
  };
}

async function renderCard(
  response: () => EntityKpisResponse,
  options: { width?: number; language?: string } = {},
) {
  await act(async () => {
    renderInTestApp(
      <div style={{ width: options.width }}>
        <EntityProvider entity={entity}>
          <EntityCustomerKpisCard />
        </EntityProvider>
      </div>,
      {
        apis: [[customerKpisApiRef, mockApi(response)]],
        config: options.language ? languageConfig(options.language) : undefined,
      },
    );
  });
  // Another language loads lazily, beyond findBy's default second on the file's first app.
  return screen.findByTestId('customer-kpis-tiles', undefined, {
    timeout: 15_000,
  });
}

/** Text as a reader sees it: any run of white space (the formatters' no-break spaces too) as one space. */
const plain = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

const shown = (testId: string) => plain(screen.getByTestId(testId).textContent);

/** The tile whose accessible name (spaces made plain) is exactly `name`. */
const tileNamed = (name: string) =>
  screen.getByRole('group', { name: actual => plain(actual) === name });

describe('KpiTile', () => {
  it('shows the status in words and the target on every tile, without hover', async () => {
    await renderCard(variedKpis);
    expect(screen.queryByRole('tooltip')).not.toBeInTheDocument();
    expect(shown('kpi-status-recommend')).toBe('On target · target ≥ +30');
    expect(shown('kpi-status-satisfaction')).toBe('Warning · target ≥ 80.0 %');
    expect(shown('kpi-status-time-to-resolve')).toBe(
      'On target · target ≤ 1 d',
    );
    expect(shown('kpi-status-time-to-value')).toBe('Critical · target ≤ 1 d');
    expect(shown('kpi-status-customer-effort')).toBe(
      'Critical · target ≥ 5.5 / 7',
    );
    expect(shown('kpi-status-retention')).toBe('On target · target ≥ 90.0 %');
    expect(shown('kpi-status-adoption')).toBe('Warning · target ≥ 60 %');
  });

  it('shows the 95% interval beside n on every sampled tile, and none on adoption, a count of every user', async () => {
    await renderCard(variedKpis);
    expect(shown('kpi-interval-recommend')).toBe('95% CI: +31 to +68');
    expect(shown('kpi-interval-satisfaction')).toBe('95% CI: 46.2 % to 72.4 %');
    expect(shown('kpi-interval-time-to-resolve')).toBe('95% CI: 2 h to 4 h');
    expect(shown('kpi-interval-time-to-value')).toBe('95% CI: 2 d to 3 d');
    // The scale is the value's ("5.4 / 7"), not repeated on each bound.
    expect(shown('kpi-interval-customer-effort')).toBe('95% CI: 5.1 to 5.8');
    expect(shown('kpi-interval-retention')).toBe('95% CI: 88.4 % to 93.4 %');
    expect(screen.queryByTestId('kpi-interval-adoption')).toBeNull();
    expect(
      plain(
        screen.getByTestId('kpi-n-recommend').parentElement?.textContent ??
          null,
      ),
    ).toBe('n = 51 · 95% CI: +31 to +68');
  });

  it('shows no interval on a tile without data, but its status and target', async () => {
    await renderCard(() =>
      entityKpisResponse(
        {},
        {
          recommend: {
            status: 'insufficient-data',
            summary: emptySummary('recommend'),
            thresholds: { target: 30, warning: 0, source: 'default' },
          },
        },
      ),
    );
    expect(shown('kpi-value-recommend')).toBe('No data');
    expect(screen.queryByTestId('kpi-interval-recommend')).toBeNull();
    expect(shown('kpi-status-recommend')).toBe(
      'Insufficient data · target ≥ +30',
    );
  });

  it('names each tile with its value, change, n, interval, status and target', async () => {
    await renderCard(variedKpis);
    expect(
      tileNamed(
        'NPS: +51, Significantly worse than the previous window (−11), n = 51, 95% CI: +31 to +68, On target, target ≥ +30',
      ),
    ).toHaveAttribute('data-testid', 'kpi-tile-recommend');
    expect(
      tileNamed(
        'Satisfaction (CSAT): 60.0 %, n = 50, 95% CI: 46.2 % to 72.4 %, Warning, target ≥ 80.0 %',
      ),
    ).toHaveAttribute('data-testid', 'kpi-tile-satisfaction');
    expect(
      tileNamed('Adoption: 42 %, n = 1,000, Warning, target ≥ 60 %'),
    ).toHaveAttribute('data-testid', 'kpi-tile-adoption');
    // Every tile is named so, by a role that allows a name.
    expect(screen.getAllByRole('group')).toHaveLength(KPI_IDS.length);
  });

  it('names a tile without data and one below the minimum sample by their status', async () => {
    await renderCard(() =>
      entityKpisResponse(
        {},
        {
          recommend: {
            status: 'insufficient-data',
            summary: { ...summaries.recommend, n: 12 },
            thresholds: { target: 30, warning: 0, source: 'default' },
          },
          retention: {
            status: 'insufficient-data',
            summary: emptySummary('retention'),
            thresholds: { target: 90, warning: 80, source: 'default' },
          },
        },
      ),
    );
    expect(
      tileNamed(
        'NPS: +51, n = 12, 95% CI: +31 to +68, Insufficient data, target ≥ +30',
      ),
    ).toHaveAttribute('data-small-sample', 'true');
    expect(
      tileNamed(
        'Retention: No data, n = 0, Insufficient data, target ≥ 90.0 %',
      ),
    ).toHaveAttribute('data-testid', 'kpi-tile-retention');
  });

  it('keeps the name while its details show on hover or focus: they describe the tile', async () => {
    await renderCard(variedKpis);
    const name = 'Adoption: 42 %, n = 1,000, Warning, target ≥ 60 %';
    const tile = tileNamed(name);
    fireEvent.mouseOver(tile);
    const tooltip = await screen.findByTestId('kpi-tooltip-adoption');
    expect(tileNamed(name)).toBe(tile);
    expect(tile).toHaveAccessibleDescription(
      expect.stringContaining('Formula: monthly active users'),
    );
    expect(tooltip).not.toHaveTextContent('target');
  });

  it('wraps every line of a tile in a card narrower than two tiles: none is cut with an ellipsis', async () => {
    const tiles = await renderCard(variedKpis, { width: MIN_TILE_WIDTH });
    const tile = within(tiles).getByTestId('kpi-tile-time-to-value');
    // The line the issue found cut ("81 % reache…") is whole.
    expect(shown('kpi-secondary-time-to-value')).toBe(
      'p90 5 d · 82 % reached value',
    );
    // The app's MUI 5 classes carry a prefix (v5-MuiTypography-root).
    const lines = [
      ...tile.querySelectorAll<HTMLElement>('[class*="MuiTypography-root"]'),
    ].filter(line => line.dataset.testid !== 'kpi-value-time-to-value');
    expect(lines.map(line => line.dataset.testid)).toEqual(
      expect.arrayContaining([
        'kpi-status-time-to-value',
        'kpi-secondary-time-to-value',
      ]),
    );
    for (const line of lines) {
      expect(line.className).not.toMatch(/MuiTypography-noWrap/);
      expect(line).not.toHaveStyle({ whiteSpace: 'nowrap' });
      expect(line).not.toHaveStyle({ textOverflow: 'ellipsis' });
      expect(line).not.toHaveStyle({ overflow: 'hidden' });
    }
  });

  describe('in every language', () => {
    beforeEach(() => window.localStorage.clear());

    const fill = (text: string, values: Record<string, string>) =>
      text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => values[key]);

    it.each(Object.keys(customerKpisLanguages))(
      'shows and names the NPS tile in %s',
      async language => {
        const { messages } = (await import(`../../translations/${language}`))
          .default as { messages: Record<string, string> };
        await renderCard(variedKpis, { language });
        await screen.findByText(messages['card.title'], undefined, {
          timeout: 15_000,
        });
        const status = messages['status.good'];
        const target = fill(messages['tile.target'], { target: '≥ +30' });
        const interval = fill(messages['tile.intervalShort'], {
          low: '+31',
          high: '+68',
        });
        expect(shown('kpi-status-recommend')).toBe(
          plain(`${status} · ${target}`),
        );
        expect(shown('kpi-interval-recommend')).toBe(plain(interval));
        const change = fill(messages['tile.worse'], { delta: '−11' });
        expect(
          tileNamed(
            plain(
              [
                fill(messages['tile.name'], {
                  title: messages['kpis.recommend.title'],
                  value: '+51',
                }),
                change,
                fill(messages['tile.n'], { n: '51' }),
                interval,
                status,
                target,
              ].join(', '),
            ),
          ),
        ).toHaveAttribute('data-testid', 'kpi-tile-recommend');
      },
      20_000,
    );
  });
});
