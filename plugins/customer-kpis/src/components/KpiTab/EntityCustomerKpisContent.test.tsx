// The KPI tab: the series it asks for per window and granularity, the figures per KPI, freshness and refresh now.
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  KPI_IDS,
  KpiId,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { CustomerKpisApi, KpiSeriesQuery, customerKpisApiRef } from '../../api';
import {
  entityKpisResponse,
  errorResponse,
  kpiSeries,
} from '../../__testUtils__/fixtures';
import { EntityCustomerKpisContent } from './EntityCustomerKpisContent';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-service', namespace: 'default' },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
};
const compoundRef = {
  kind: 'Component',
  namespace: 'default',
  name: 'checkout-service',
};

const DAY = 86_400_000;
function utcDaysAgo(days: number): string {
  const now = new Date();
  const today = Date.UTC(
    now.getUTCFullYear(),
    now.getUTCMonth(),
    now.getUTCDate(),
  );
  return new Date(today - days * DAY).toISOString().slice(0, 10);
}

function mockApi(
  overrides: Partial<CustomerKpisApi> = {},
): jest.Mocked<CustomerKpisApi> {
  return {
    getEntityKpis: jest.fn(async () =>
      entityKpisResponse(
        {},
        {
          'time-to-resolve': { sources: ['zendesk-eu'] },
          satisfaction: { sources: ['zendesk-eu', 'demo'] },
        },
      ),
    ),
    getKpiSeries: jest.fn(async (_ref, kpi: KpiId, query: KpiSeriesQuery) =>
      kpiSeries(kpi, query),
    ),
    runSource: jest.fn(async () => {}),
    ...overrides,
  } as jest.Mocked<CustomerKpisApi>;
}

async function renderTab(
  api: CustomerKpisApi,
  permissionApi: Partial<PermissionApi> = mockApis.permission(),
) {
  // Rendering inside act lets the first loads settle without "not wrapped in act" warnings.
  await act(async () => {
    renderInTestApp(
      <EntityProvider entity={entity}>
        <EntityCustomerKpisContent />
      </EntityProvider>,
      {
        apis: [
          [customerKpisApiRef, api],
          [permissionApiRef, permissionApi],
        ],
      },
    );
  });
}

function seriesCalls(api: jest.Mocked<CustomerKpisApi>, granularity: string) {
  return api.getKpiSeries.mock.calls.filter(
    ([, , query]) => query.granularity === granularity,
  );
}

describe('EntityCustomerKpisContent', () => {
  it('asks for 90 days in weeks first: the entity KPIs and a series per KPI', async () => {
    const api = mockApi();
    await renderTab(api);
    await screen.findByTestId('kpi-section-recommend');
    expect(api.getEntityKpis).toHaveBeenCalledWith(compoundRef, {
      window: '90d',
    });
    await waitFor(() => expect(seriesCalls(api, 'week')).toHaveLength(7));
    for (const kpi of KPI_IDS) {
      expect(api.getKpiSeries).toHaveBeenCalledWith(compoundRef, kpi, {
        from: utcDaysAgo(89),
        to: utcDaysAgo(0),
        granularity: 'week',
      });
    }
  });

  it('refetches the KPIs and every series when the window switches to 30 days', async () => {
    const api = mockApi();
    await renderTab(api);
    await screen.findByTestId('kpi-section-recommend');
    await waitFor(() => expect(seriesCalls(api, 'week')).toHaveLength(7));

    fireEvent.click(screen.getByTestId('customer-kpis-window-30d'));

    await waitFor(() =>
      expect(api.getEntityKpis).toHaveBeenLastCalledWith(compoundRef, {
        window: '30d',
      }),
    );
    await waitFor(() => expect(seriesCalls(api, 'day')).toHaveLength(7));
    expect(api.getKpiSeries).toHaveBeenCalledWith(compoundRef, 'satisfaction', {
      from: utcDaysAgo(29),
      to: utcDaysAgo(0),
      granularity: 'day',
    });
    expect(screen.getByTestId('customer-kpis-window-30d')).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  it('refetches the series when the granularity changes, keeping the window', async () => {
    const api = mockApi();
    await renderTab(api);
    await screen.findByTestId('kpi-section-recommend');
    fireEvent.mouseDown(
      within(screen.getByTestId('customer-kpis-granularity')).getByRole(
        'combobox',
      ),
    );
    fireEvent.click(await screen.findByRole('option', { name: 'Month' }));
    await waitFor(() => expect(seriesCalls(api, 'month')).toHaveLength(7));
    expect(api.getKpiSeries).toHaveBeenCalledWith(compoundRef, 'recommend', {
      from: utcDaysAgo(89),
      to: utcDaysAgo(0),
      granularity: 'month',
    });
  });

  it('shows the figures of each KPI', async () => {
    await renderTab(mockApi());
    expect(await screen.findByTestId('kpi-nps-breakdown')).toHaveTextContent(
      'Promoters 32 (62.8 %) · Passives 13 (25.5 %) · Detractors 6 (11.8 %)',
    );
    expect(
      screen.getByTestId('kpi-distribution-satisfaction'),
    ).toHaveTextContent(
      'Score 1: 5 · Score 2: 5 · Score 3: 10 · Score 4: 20 · Score 5: 10',
    );
    expect(
      screen.getByTestId('kpi-distribution-customer-effort'),
    ).toHaveTextContent('Score 7: 20');
    const resolve = screen.getByTestId('kpi-durations-time-to-resolve');
    expect(resolve).toHaveTextContent('Measured in calendar time');
    expect(resolve).toHaveTextContent(
      'calendar time · Median (p50) 3 h · p90 1.1 d',
    );
    expect(resolve).toHaveTextContent(
      'Durations are read from a histogram, within ±1 %.',
    );
    expect(screen.getByTestId('kpi-durations-time-to-value')).toHaveTextContent(
      'Median (p50) 2.5 d · p90 5 d',
    );
    expect(screen.getByTestId('kpi-adoption-users')).toHaveTextContent(
      'DAU 147 · WAU 300 · MAU 420 of 1,000 · Stickiness (DAU/MAU) 35 %',
    );
    const periods = await screen.findByTestId('kpi-retention-periods');
    expect(within(periods).getAllByRole('row')).toHaveLength(3);
    expect(within(periods).getAllByText('91.2 %')).toHaveLength(2);
    expect(
      within(screen.getByTestId('kpi-section-recommend')).getByText('+51'),
    ).toBeInTheDocument();
  });

  it('lists each data source with the KPIs it feeds and the age of its data', async () => {
    await renderTab(mockApi());
    const table = await screen.findByTestId('customer-kpis-freshness');
    const zendesk = within(table).getByTestId('freshness-zendesk-eu');
    expect(zendesk).toHaveTextContent('Time to resolve, Satisfaction (CSAT)');
    expect(zendesk).toHaveTextContent('1 hour ago');
    expect(within(table).getByTestId('freshness-demo')).toHaveTextContent(
      'Adoption',
    );
  });

  it('runs every source of the entity once on "refresh now" and reloads', async () => {
    const api = mockApi();
    await renderTab(api);
    const button = await screen.findByTestId('customer-kpis-refresh');
    expect(button).toHaveTextContent('Refresh now');
    fireEvent.click(button);
    expect(
      await screen.findByTestId('customer-kpis-refresh-result'),
    ).toHaveTextContent('Ran 2 data sources; the values below are reloaded.');
    expect(api.runSource.mock.calls.map(([id]) => id).sort()).toEqual([
      'demo',
      'zendesk-eu',
    ]);
    await waitFor(() => expect(api.getEntityKpis).toHaveBeenCalledTimes(2));
  });

  it('names the sources that failed to run', async () => {
    const api = mockApi({
      runSource: jest.fn(async (id: string) => {
        if (id === 'zendesk-eu')
          throw await ResponseError.fromResponse(
            errorResponse(409, 'ConflictError', 'already running'),
          );
      }),
    });
    await renderTab(api);
    fireEvent.click(await screen.findByTestId('customer-kpis-refresh'));
    expect(
      await screen.findByTestId('customer-kpis-refresh-result'),
    ).toHaveTextContent('Could not run zendesk-eu:');
    expect(
      screen.getByTestId('customer-kpis-refresh-result'),
    ).toHaveTextContent('already running');
  });

  it('says that the user has no permission when the API answers 403', async () => {
    const api = mockApi({
      getEntityKpis: jest.fn(async () => {
        throw await ResponseError.fromResponse(
          errorResponse(403, 'NotAllowedError', 'Forbidden'),
        );
      }),
    });
    await renderTab(api);
    expect(
      await screen.findByTestId('customer-kpis-no-permission'),
    ).toBeInTheDocument();
    expect(api.getKpiSeries).not.toHaveBeenCalled();
  });

  it('shows a series error inside the KPI section only', async () => {
    const api = mockApi({
      getKpiSeries: jest.fn(async (_ref, kpi: KpiId, query: KpiSeriesQuery) => {
        if (kpi === 'retention') throw new Error('timeout');
        return kpiSeries(kpi, query);
      }),
    });
    await renderTab(api);
    const section = await screen.findByTestId('kpi-section-retention');
    expect(
      await within(section).findByText('Could not load the series: timeout'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('kpi-nps-breakdown')).toBeInTheDocument();
  });
});
