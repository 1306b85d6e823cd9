// The cards of what a team or a user owns: the group page's card and the home page's "My products", against the
// answers of GET /overview/owned: their rows, links, cells, and every state.
import { act, fireEvent, screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { identityApiRef } from '@backstage/core-plugin-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { KPI_IDS } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { CustomerKpisApi, customerKpisApiRef } from '../../api';
import { errorResponse } from '../../__testUtils__/fixtures';
import { EntityOwnedKpisCard } from './EntityOwnedKpisCard';
import { MyProductsCard } from './MyProductsCard';
import { PAYMENTS_TEAM, ownedAnswer, paymentsRows } from './ownedFixtures';

const team: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-payments', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

function mockApi(
  getOwnedKpis: CustomerKpisApi['getOwnedKpis'],
): CustomerKpisApi {
  // The cards call only this; any other method is absent, so a call to it fails the test.
  return {
    getOwnedKpis: jest.fn(getOwnedKpis),
  } as Partial<CustomerKpisApi> as CustomerKpisApi;
}

const ROUTES = {
  mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
};

async function renderGroupCard(api: CustomerKpisApi) {
  await act(async () => {
    renderInTestApp(
      <EntityProvider entity={team}>
        <EntityOwnedKpisCard />
      </EntityProvider>,
      { apis: [[customerKpisApiRef, api]], ...ROUTES },
    );
  });
}

const identityApi = (ownershipEntityRefs: string[]) => ({
  getBackstageIdentity: jest.fn(async () => ({
    type: 'user' as const,
    userEntityRef: 'user:default/sofia-marquez',
    ownershipEntityRefs,
  })),
  getProfileInfo: jest.fn(),
  getCredentials: jest.fn(async () => ({})),
  signOut: jest.fn(),
});

async function renderHomeCard(
  api: CustomerKpisApi,
  identity = identityApi(['user:default/sofia-marquez', PAYMENTS_TEAM]),
) {
  await act(async () => {
    renderInTestApp(<MyProductsCard />, {
      apis: [
        [customerKpisApiRef, api],
        [identityApiRef, identity],
      ],
      ...ROUTES,
    });
  });
}

const rowsShown = () =>
  screen.getAllByTestId('owned-kpis-row').map(row => ({
    ref: row.getAttribute('data-ref'),
    name: within(row).getByTestId('owned-kpis-link').textContent,
    href: within(row).getByTestId('owned-kpis-link').getAttribute('href'),
    kind: within(row).getByTestId('owned-kpis-kind').textContent,
  }));

describe('the group card (EntityOwnedKpisCard)', () => {
  it("asks for the group's products over 90 days", async () => {
    const api = mockApi(async () => ownedAnswer());
    await renderGroupCard(api);
    await screen.findByTestId('owned-kpis-table');
    expect(api.getOwnedKpis).toHaveBeenCalledWith({
      owner: [PAYMENTS_TEAM],
      window: '90d',
    });
  });

  it('lists the systems and components by title, each linking to its page, with what a system pools', async () => {
    await renderGroupCard(mockApi(async () => ownedAnswer()));
    const card = await screen.findByTestId('customer-kpis-group-card');
    await within(card).findByTestId('owned-kpis-table');
    expect(
      within(card).getByRole('heading', {
        name: 'Customer KPIs of what this team owns',
      }),
    ).toBeInTheDocument();
    expect(rowsShown()).toEqual([
      {
        ref: 'system:default/payments',
        name: 'Payments',
        href: '/catalog/default/system/payments',
        kind: 'System of 3 components',
      },
      {
        ref: 'component:default/fraud-detection',
        name: 'Fraud Detection',
        href: '/catalog/default/component/fraud-detection',
        kind: 'Component',
      },
      {
        ref: 'component:default/payments-gateway',
        name: 'Payments Gateway',
        href: '/catalog/default/component/payments-gateway',
        kind: 'Component',
      },
    ]);
    // The table is named by the card's title; its columns are the seven KPIs.
    expect(
      screen.getByRole('table', {
        name: 'Customer KPIs of what this team owns',
      }),
    ).toBeInTheDocument();
    expect(
      KPI_IDS.map(
        kpi => screen.getByTestId(`owned-kpis-header-${kpi}`).textContent,
      ),
    ).toEqual([
      'Adoption',
      'Time to value',
      'Time to resolve',
      'Customer effort (CES)',
      'Satisfaction (CSAT)',
      'Retention',
      'NPS',
    ]);
    expect(
      screen.getByText(/A system pools the components under it/),
    ).toBeVisible();
  });

  it('shows each KPI as the leadership page does: formatted, with its status, greyed without one', async () => {
    await renderGroupCard(mockApi(async () => ownedAnswer()));
    await screen.findByTestId('owned-kpis-table');
    const [system, fraud, gateway] = screen.getAllByTestId('owned-kpis-row');
    const cellOf = (row: HTMLElement, kpi: string) =>
      within(row).getByTestId(`overview-cell-${kpi}`);
    // As read, with the narrow and non-breaking spaces of the number formats as plain spaces.
    const valueOf = (row: HTMLElement, kpi: string) =>
      within(row)
        .getByTestId(`overview-value-${kpi}`)
        .textContent?.replace(/[\u00a0\u202f]/g, ' ');

    expect(valueOf(system, 'recommend')).toBe('+51');
    expect(valueOf(system, 'satisfaction')).toBe('60.0 %');
    expect(valueOf(system, 'time-to-resolve')).toBe('3 h');
    expect(cellOf(system, 'satisfaction')).toHaveAttribute(
      'data-status',
      'critical',
    );
    expect(cellOf(system, 'time-to-resolve')).toHaveAttribute(
      'data-status',
      'warning',
    );
    expect(
      within(system).getByTestId('overview-delta-recommend'),
    ).toHaveAttribute('data-change', 'better');
    expect(valueOf(fraud, 'recommend')).toBe('−12');
    expect(
      within(fraud).getByTestId('overview-delta-recommend'),
    ).toHaveAttribute('data-change', 'worse');
    // 12 answers: a value without a status.
    expect(valueOf(fraud, 'satisfaction')).toBe('70.0 %');
    expect(cellOf(fraud, 'satisfaction')).toHaveAttribute(
      'data-status',
      'insufficient-data',
    );
    expect(valueOf(gateway, 'customer-effort')).toBe('5.4 / 7');
    expect(valueOf(gateway, 'adoption')).toBe('no data');
  });

  it('says when the team owns nothing the user can see', async () => {
    await renderGroupCard(mockApi(async () => ownedAnswer([])));
    expect(await screen.findByTestId('owned-kpis-empty')).toHaveTextContent(
      'This team owns no components or systems that you can see.',
    );
    expect(screen.queryByTestId('owned-kpis-table')).not.toBeInTheDocument();
  });

  it('says how many are shown when the answer is cut, and leaves the pooling note out without systems', async () => {
    await renderGroupCard(
      mockApi(async () => ownedAnswer(paymentsRows.slice(1), { total: 250 })),
    );
    expect(await screen.findByTestId('owned-kpis-truncated')).toHaveTextContent(
      'The first 2 of 250 are shown.',
    );
    expect(
      screen.queryByText(/A system pools the components under it/),
    ).not.toBeInTheDocument();
  });

  it('shows an error with a retry that asks again', async () => {
    const failure = await ResponseError.fromResponse(
      errorResponse(500, 'Error', 'database is down'),
    );
    const api = mockApi(jest.fn());
    (api.getOwnedKpis as jest.Mock)
      .mockRejectedValueOnce(failure)
      .mockResolvedValueOnce(ownedAnswer());
    await renderGroupCard(api);
    const error = await screen.findByTestId('customer-kpis-error');
    expect(error).toHaveTextContent('database is down');
    await act(async () => {
      fireEvent.click(within(error).getByRole('button', { name: 'Retry' }));
    });
    expect(await screen.findByTestId('owned-kpis-table')).toBeInTheDocument();
    expect(api.getOwnedKpis).toHaveBeenCalledTimes(2);
  });

  it('says so when the user may not see the KPIs', async () => {
    const denied = await ResponseError.fromResponse(
      errorResponse(403, 'NotAllowedError', 'Unauthorized'),
    );
    await renderGroupCard(
      mockApi(async () => {
        throw denied;
      }),
    );
    expect(
      await screen.findByTestId('customer-kpis-no-permission'),
    ).toBeInTheDocument();
  });
});

describe('the home card (MyProductsCard)', () => {
  it("asks for the products of the signed-in user and the user's groups", async () => {
    const api = mockApi(async () => ownedAnswer());
    await renderHomeCard(api);
    const card = await screen.findByTestId('customer-kpis-home-card');
    await within(card).findByTestId('owned-kpis-table');
    expect(api.getOwnedKpis).toHaveBeenCalledWith({
      owner: ['user:default/sofia-marquez', PAYMENTS_TEAM],
      window: '90d',
    });
    expect(
      within(card).getByRole('heading', { name: 'My products: customer KPIs' }),
    ).toBeInTheDocument();
    expect(rowsShown().map(r => r.name)).toEqual([
      'Payments',
      'Fraud Detection',
      'Payments Gateway',
    ]);
    expect(card).toHaveTextContent('Apr 1, 2025 – Jun 29, 2025 (90 days)');
  });

  it('says when the user owns nothing the user can see', async () => {
    await renderHomeCard(mockApi(async () => ownedAnswer([])));
    expect(await screen.findByTestId('owned-kpis-empty')).toHaveTextContent(
      'You and your teams own no components or systems that you can see.',
    );
  });

  it('shows why when the identity cannot be read, without asking for products', async () => {
    const api = mockApi(async () => ownedAnswer());
    const identity = identityApi([]);
    identity.getBackstageIdentity.mockRejectedValue(
      new Error('session expired'),
    );
    await renderHomeCard(api, identity);
    expect(await screen.findByTestId('customer-kpis-error')).toHaveTextContent(
      'session expired',
    );
    expect(api.getOwnedKpis).not.toHaveBeenCalled();
  });
});
