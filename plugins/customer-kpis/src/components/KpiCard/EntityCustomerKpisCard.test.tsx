// The KPI card: every state it can be in, and the seven tiles with their formatted values.
import { act, fireEvent, screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { KPI_IDS } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { CustomerKpisApi, customerKpisApiRef } from '../../api';
import {
  emptySummary,
  entityKpisResponse,
  errorResponse,
  summaries,
} from '../../__testUtils__/fixtures';
import { EntityCustomerKpisCard } from './EntityCustomerKpisCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-service', namespace: 'default' },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
};

function mockApi(
  getEntityKpis: CustomerKpisApi['getEntityKpis'],
): CustomerKpisApi {
  // The card calls only these; any other method is absent, so a call to it fails the test.
  const used: Partial<CustomerKpisApi> = {
    getEntityKpis: jest.fn(getEntityKpis),
    getKpiSeries: jest.fn(),
    runSource: jest.fn(),
  };
  return used as CustomerKpisApi;
}

async function renderCard(api: CustomerKpisApi) {
  // Rendering inside act lets the load settle without "not wrapped in act" warnings.
  await act(async () => {
    renderInTestApp(
      <EntityProvider entity={entity}>
        <EntityCustomerKpisCard />
      </EntityProvider>,
      { apis: [[customerKpisApiRef, api]] },
    );
  });
}

describe('EntityCustomerKpisCard', () => {
  it('asks the API for the entity over 90 days', async () => {
    const api = mockApi(async () => entityKpisResponse());
    await renderCard(api);
    await screen.findByTestId('customer-kpis-tiles');
    expect(api.getEntityKpis).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'checkout-service' },
      { window: '90d' },
    );
  });

  it('shows seven tiles with values, n and status', async () => {
    await renderCard(mockApi(async () => entityKpisResponse()));
    const tiles = await screen.findByTestId('customer-kpis-tiles');
    for (const kpi of KPI_IDS) {
      expect(within(tiles).getByTestId(`kpi-tile-${kpi}`)).toHaveAttribute(
        'data-status',
        'good',
      );
    }
    expect(screen.getByTestId('kpi-value-recommend')).toHaveTextContent('+51');
    expect(screen.getByTestId('kpi-value-satisfaction')).toHaveTextContent(
      '60.0 %',
    );
    expect(screen.getByTestId('kpi-value-time-to-resolve')).toHaveTextContent(
      '3 h',
    );
    expect(screen.getByTestId('kpi-value-time-to-value')).toHaveTextContent(
      '2.5 d',
    );
    expect(screen.getByTestId('kpi-value-customer-effort')).toHaveTextContent(
      '5.4 / 7',
    );
    expect(screen.getByTestId('kpi-value-adoption')).toHaveTextContent('42 %');
    expect(screen.getByTestId('kpi-value-retention')).toHaveTextContent(
      '91.2 %',
    );
    expect(screen.getByTestId('kpi-n-recommend')).toHaveTextContent('n = 51');
    expect(screen.getByTestId('kpi-n-adoption')).toHaveTextContent('n = 1,000');
  });

  it('says when a system pools its components, and that active users are summed', async () => {
    await renderCard(mockApi(async () => entityKpisResponse({ members: 4 })));
    expect(
      await screen.findByTestId('customer-kpis-members'),
    ).toHaveTextContent(
      'Pooled over 4 components with their own data; active users are summed',
    );
  });

  it('says nothing about pooling for a component', async () => {
    await renderCard(mockApi(async () => entityKpisResponse()));
    await screen.findByTestId('customer-kpis-tiles');
    expect(screen.queryByTestId('customer-kpis-members')).toBeNull();
  });

  it('shows the secondary figure of each KPI', async () => {
    await renderCard(mockApi(async () => entityKpisResponse()));
    await screen.findByTestId('customer-kpis-tiles');
    const secondary = (kpi: string) =>
      screen.getByTestId(`kpi-secondary-${kpi}`).textContent;
    expect(secondary('adoption')).toMatch(/^DAU\/MAU 35\s%$/);
    expect(secondary('time-to-resolve')).toMatch(
      /^p90 1\.1\sd · calendar time$/,
    );
    expect(secondary('time-to-value')).toMatch(
      /^p90 5\sd · 82\s% reached value$/,
    );
    expect(secondary('customer-effort')).toMatch(/^78\s% easy$/);
    expect(secondary('satisfaction')).toMatch(/^mean 3\.5\s\/\s5$/);
    expect(secondary('retention')).toBe('456 of 500 kept');
    expect(secondary('recommend')).toMatch(
      /^promoters 63\s% · detractors 12\s%$/,
    );
  });

  it('shows the formula and the interval with its method in a tooltip', async () => {
    await renderCard(
      mockApi(async () =>
        entityKpisResponse(
          {},
          {
            recommend: {
              thresholds: { target: 30, warning: 0, source: 'annotation' },
            },
          },
        ),
      ),
    );
    fireEvent.mouseOver(await screen.findByTestId('kpi-tile-recommend'));
    const tooltip = await screen.findByTestId('kpi-tooltip-recommend');
    expect(tooltip).toHaveTextContent(
      'Formula: % promoters (9–10) − % detractors (0–6)',
    );
    expect(tooltip).toHaveTextContent(
      '95% interval: +31 to +68 (adjusted Wald)',
    );
    // The target and status are on the tile itself (KpiTile.test.tsx).
    expect(
      screen
        .getByTestId('kpi-status-recommend')
        .textContent?.replace(/\s+/g, ' '),
    ).toBe('On target · target ≥ +30');
  });

  it('draws an arrow only when the change is significant', async () => {
    await renderCard(
      mockApi(async () =>
        entityKpisResponse(
          {},
          {
            satisfaction: {
              comparison: {
                previous: 52,
                delta: 8,
                significant: true,
                change: 'better',
                test: 'two-proportion-z',
              },
            },
            recommend: {
              comparison: {
                previous: 40,
                delta: 11,
                significant: false,
                change: 'no-significant-change',
                test: 'nps-difference',
              },
            },
            'time-to-resolve': {
              comparison: {
                previous: 120,
                delta: 60,
                significant: true,
                change: 'worse',
                test: 'welch-t',
              },
            },
          },
        ),
      ),
    );
    await screen.findByTestId('customer-kpis-tiles');
    expect(screen.getByTestId('kpi-trend-satisfaction')).toHaveAttribute(
      'aria-label',
      'Significantly better than the previous window (+8.0\u00a0pp)',
    );
    expect(screen.getByTestId('kpi-trend-time-to-resolve')).toHaveAttribute(
      'data-change',
      'worse',
    );
    expect(screen.queryByTestId('kpi-trend-recommend')).not.toBeInTheDocument();
    expect(screen.queryByTestId('kpi-trend-adoption')).not.toBeInTheDocument();
  });

  it('greys a tile whose sample is below the minimum', async () => {
    await renderCard(
      mockApi(async () =>
        entityKpisResponse(
          {},
          {
            recommend: {
              status: 'insufficient-data',
              summary: { ...summaries.recommend, n: 12 },
            },
          },
        ),
      ),
    );
    const tile = await screen.findByTestId('kpi-tile-recommend');
    expect(tile).toHaveAttribute('data-small-sample', 'true');
    // Greyed in its value and line; the tile itself is not faded, so that its texts keep their contrast.
    expect(screen.getByTestId('kpi-sparkline-recommend')).toHaveStyle({
      opacity: '0.55',
    });
    expect(screen.getByTestId('kpi-value-recommend')).toHaveStyle({
      color: 'rgba(0, 0, 0, 0.6)',
    });
    expect(tile).not.toHaveStyle({ opacity: '0.55' });
    expect(screen.getByTestId('kpi-sparkline-satisfaction')).not.toHaveStyle({
      opacity: '0.55',
    });
    expect(screen.getByTestId('kpi-tile-satisfaction')).toHaveAttribute(
      'data-small-sample',
      'false',
    );
    fireEvent.mouseOver(tile);
    expect(
      await screen.findByText(
        'Sample too small (n < 30): shown for information, without a status.',
      ),
    ).toBeInTheDocument();
  });

  it('shows a setup hint with the binding annotations when the entity is unbound and has no data', async () => {
    await renderCard(
      mockApi(async () =>
        entityKpisResponse(
          { bound: false },
          Object.fromEntries(
            KPI_IDS.map(kpi => [
              kpi,
              { summary: emptySummary(kpi), lastUpdated: null },
            ]),
          ),
        ),
      ),
    );
    const hint = await screen.findByTestId('customer-kpis-setup-hint');
    expect(hint).toHaveTextContent('No customer KPIs for this entity yet');
    expect(within(hint).getByText('customer-kpis.io/demo')).toBeInTheDocument();
    expect(within(hint).getByText('zendesk.com/group-id')).toBeInTheDocument();
    expect(
      within(hint).getByText('prometheus.io/active-users-selector'),
    ).toBeInTheDocument();
    expect(hint).toHaveTextContent('customer-kpis.io/target.recommend');
    expect(screen.queryByTestId('customer-kpis-tiles')).not.toBeInTheDocument();
  });

  it('says that no data has arrived yet when the entity is bound but every n is 0', async () => {
    await renderCard(
      mockApi(async () =>
        entityKpisResponse(
          { bound: true },
          Object.fromEntries(
            KPI_IDS.map(kpi => [
              kpi,
              { summary: emptySummary(kpi), lastUpdated: null },
            ]),
          ),
        ),
      ),
    );
    expect(
      await screen.findByTestId('customer-kpis-no-data'),
    ).toHaveTextContent('No data yet');
    expect(
      screen.queryByTestId('customer-kpis-setup-hint'),
    ).not.toBeInTheDocument();
  });

  it('says that the user has no permission when the API answers 403', async () => {
    await renderCard(
      mockApi(async () => {
        throw await ResponseError.fromResponse(
          errorResponse(403, 'NotAllowedError', 'Forbidden'),
        );
      }),
    );
    expect(
      await screen.findByTestId('customer-kpis-no-permission'),
    ).toHaveTextContent(
      'You are not allowed to see the customer KPIs of this entity.',
    );
  });

  it('shows the error and retries on demand', async () => {
    let calls = 0;
    const api = mockApi(async () => {
      calls += 1;
      if (calls === 1)
        throw await ResponseError.fromResponse(
          errorResponse(500, 'Error', 'database is down'),
        );
      return entityKpisResponse();
    });
    await renderCard(api);
    const error = await screen.findByTestId('customer-kpis-error');
    expect(error).toHaveTextContent('Could not load the customer KPIs');
    expect(error).toHaveTextContent('database is down');
    fireEvent.click(within(error).getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByTestId('customer-kpis-tiles'),
    ).toBeInTheDocument();
    expect(api.getEntityKpis).toHaveBeenCalledTimes(2);
  });

  it('warns with the age of the data when even the newest is older than two days', async () => {
    const fiveDaysAgo = new Date(
      Date.now() - 5 * 24 * 3600 * 1000,
    ).toISOString();
    const sixDaysAgo = new Date(
      Date.now() - 6 * 24 * 3600 * 1000,
    ).toISOString();
    await renderCard(
      mockApi(async () =>
        entityKpisResponse(
          {},
          Object.fromEntries(
            KPI_IDS.map(kpi => [
              kpi,
              { lastUpdated: kpi === 'adoption' ? fiveDaysAgo : sixDaysAgo },
            ]),
          ),
        ),
      ),
    );
    expect(await screen.findByTestId('customer-kpis-stale')).toHaveTextContent(
      'The newest data arrived 5 days ago',
    );
    expect(screen.getByTestId('kpi-tile-recommend')).toHaveAttribute(
      'data-stale',
      'true',
    );
    expect(screen.getAllByTestId(/^kpi-tile-/)).toHaveLength(7);
  });

  it('shows no stale warning for fresh data', async () => {
    await renderCard(mockApi(async () => entityKpisResponse()));
    await screen.findByTestId('customer-kpis-tiles');
    expect(screen.queryByTestId('customer-kpis-stale')).not.toBeInTheDocument();
  });
});
