// The new-frontend-system extensions: the card and the tab appear on component and system pages only.
import { act, screen } from '@testing-library/react';
import { ExtensionDefinition } from '@backstage/frontend-plugin-api';
import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { Entity } from '@backstage/catalog-model';
import { KpiId } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { KpiSeriesQuery, customerKpisApiRef } from './api';
import { entityKpisResponse, kpiSeries } from './__testUtils__/fixtures';
import customerKpisFrontendPlugin, {
  customerKpisEntityCard,
  customerKpisEntityContent,
  customerKpisEntityFilter,
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
    });
  });
}

describe('customer-kpis on the new frontend system', () => {
  beforeEach(() => {
    api.getEntityKpis.mockClear();
    api.getKpiSeries.mockClear();
  });

  it('is the customer-kpis plugin and filters on components and systems', () => {
    expect(customerKpisFrontendPlugin.id).toBe('customer-kpis');
    expect(customerKpisEntityFilter).toEqual({
      kind: { $in: ['component', 'system'] },
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
