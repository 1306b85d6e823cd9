// The new-frontend-system extensions: the card on component, system and domain pages, the tab on component and
// system pages, and the card of what a team owns on group pages only.
import { act, screen } from '@testing-library/react';
import { ExtensionDefinition } from '@backstage/frontend-plugin-api';
import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { Entity } from '@backstage/catalog-model';
import { KpiId } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { KpiSeriesQuery, customerKpisApiRef } from './api';
import { entityKpisResponse, kpiSeries } from './__testUtils__/fixtures';
import { ownedAnswer } from './components/OwnedKpis/ownedFixtures';
import customerKpisFrontendPlugin, {
  customerKpisCardFilter,
  customerKpisEntityCard,
  customerKpisEntityContent,
  customerKpisEntityFilter,
  customerKpisOwnedEntityCard,
} from './alpha';

function entityOfKind(kind: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'checkout-service', namespace: 'default' },
    spec: { type: 'service', owner: 'team-a' },
  };
}

const api = {
  getEntityKpis: jest.fn(async () => entityKpisResponse()),
  getKpiSeries: jest.fn(
    async (_ref: unknown, kpi: KpiId, query: KpiSeriesQuery) =>
      kpiSeries(kpi, query),
  ),
  runSource: jest.fn(),
  getOwnedKpis: jest.fn(async () => ownedAnswer()),
};

async function renderPage(kind: string, extension: ExtensionDefinition) {
  await act(async () => {
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: entityOfKind(kind) }),
        extension,
      ],
      apis: [
        [customerKpisApiRef, api],
        [permissionApiRef, mockApis.permission()],
      ],
      // The owned card links each row to its entity page.
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
  });
}

describe('customer-kpis on the new frontend system', () => {
  beforeEach(() => {
    api.getEntityKpis.mockClear();
    api.getKpiSeries.mockClear();
    api.getOwnedKpis.mockClear();
  });

  it('is the customer-kpis plugin: the tab on components and systems, the card on domains too', () => {
    expect(customerKpisFrontendPlugin.id).toBe('customer-kpis');
    expect(customerKpisEntityFilter).toEqual({
      kind: { $in: ['component', 'system'] },
    });
    expect(customerKpisCardFilter).toEqual({
      kind: { $in: ['component', 'system', 'domain'] },
    });
  });

  it('shows the card with seven tiles on a component page', async () => {
    await renderPage('Component', customerKpisEntityCard);
    expect(await screen.findByTestId('customer-kpis-card')).toBeInTheDocument();
    expect(await screen.findAllByTestId(/^kpi-tile-/)).toHaveLength(7);
  });

  it('shows the card on a system page', async () => {
    await renderPage('System', customerKpisEntityCard);
    expect(await screen.findByTestId('customer-kpis-card')).toBeInTheDocument();
  });

  it('shows the card on a domain page', async () => {
    await renderPage('Domain', customerKpisEntityCard);
    expect(await screen.findByTestId('customer-kpis-card')).toBeInTheDocument();
    expect(api.getEntityKpis).toHaveBeenCalledWith(
      { kind: 'Domain', namespace: 'default', name: 'checkout-service' },
      { window: '90d' },
    );
  });

  it("shows the card of the team's products on a group page", async () => {
    await renderPage('Group', customerKpisOwnedEntityCard);
    expect(
      await screen.findByTestId('customer-kpis-group-card'),
    ).toBeInTheDocument();
    expect(await screen.findAllByTestId('owned-kpis-row')).toHaveLength(3);
    expect(api.getOwnedKpis).toHaveBeenCalledWith({
      owner: ['group:default/checkout-service'],
      window: '90d',
    });
  });

  it.each(['Component', 'System', 'Domain'])(
    "leaves the team's card off %s pages",
    async kind => {
      await renderPage(kind, customerKpisOwnedEntityCard);
      expect(
        await screen.findByTestId('empty-entity-page'),
      ).toBeInTheDocument();
      expect(
        screen.queryByTestId('customer-kpis-group-card'),
      ).not.toBeInTheDocument();
      expect(api.getOwnedKpis).not.toHaveBeenCalled();
    },
  );

  it('shows the tab on a component page', async () => {
    await renderPage('Component', customerKpisEntityContent);
    expect(await screen.findByTestId('customer-kpis-tab')).toBeInTheDocument();
    expect(api.getEntityKpis).toHaveBeenCalled();
  });

  it('leaves other kinds alone', async () => {
    await renderPage('Group', customerKpisEntityCard);
    expect(screen.queryByTestId('customer-kpis-card')).not.toBeInTheDocument();
    expect(api.getEntityKpis).not.toHaveBeenCalled();
  });

  it('leaves the tab off other kinds', async () => {
    await renderPage('Group', customerKpisEntityContent);
    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
    expect(screen.queryByTestId('customer-kpis-tab')).not.toBeInTheDocument();
    expect(api.getEntityKpis).not.toHaveBeenCalled();
  });
});
