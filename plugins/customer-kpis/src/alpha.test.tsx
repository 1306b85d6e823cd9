// The new-frontend-system extensions: the card and the tab appear on component and system pages only.
import { act, screen } from '@testing-library/react';
import { renderTestApp } from '@backstage/frontend-test-utils';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { Entity } from '@backstage/catalog-model';
import { customerKpisApiRef } from './api';
import { entityKpisResponse } from './__testUtils__/fixtures';
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
  getKpiSeries: jest.fn(),
  runSource: jest.fn(),
};

async function renderPage(kind: string) {
  await act(async () => {
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: entityOfKind(kind) }),
        customerKpisEntityCard,
      ],
      apis: [[customerKpisApiRef, api]],
    });
  });
}

describe('customer-kpis on the new frontend system', () => {
  beforeEach(() => api.getEntityKpis.mockClear());

  it('declares the API, the card and the tab', () => {
    expect(customerKpisFrontendPlugin.id).toBe('customer-kpis');
    expect(customerKpisEntityContent).toBeDefined();
    expect(customerKpisEntityFilter).toEqual({
      kind: { $in: ['component', 'system'] },
    });
  });

  it('shows the card with seven tiles on a component page', async () => {
    await renderPage('Component');
    expect(await screen.findByTestId('customer-kpis-card')).toBeInTheDocument();
    expect(await screen.findAllByTestId(/^kpi-tile-/)).toHaveLength(7);
  });

  it('shows the card on a system page', async () => {
    await renderPage('System');
    expect(await screen.findByTestId('customer-kpis-card')).toBeInTheDocument();
  });

  it('leaves other kinds alone', async () => {
    await renderPage('Group');
    expect(screen.queryByTestId('customer-kpis-card')).not.toBeInTheDocument();
    expect(api.getEntityKpis).not.toHaveBeenCalled();
  });
});
