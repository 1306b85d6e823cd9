// The new-frontend-system extensions: the card on component, system and domain pages, the tab on component and
// system pages, the card of what a team owns on group pages only, and "My products" as a home page widget.
import { act, screen, within } from '@testing-library/react';
import {
  createExtensionInput,
  ExtensionDefinition,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { homePageWidgetDataRef } from '@backstage/plugin-home-react/alpha';
import { Entity } from '@backstage/catalog-model';
import { KpiId } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { KpiSeriesQuery, customerKpisApiRef } from './api';
import { entityKpisResponse, kpiSeries } from './__testUtils__/fixtures';
import {
  PAYMENTS_TEAM,
  ownedAnswer,
} from './components/OwnedKpis/ownedFixtures';
import customerKpisFrontendPlugin, {
  customerKpisCardFilter,
  customerKpisEntityCard,
  customerKpisEntityContent,
  customerKpisEntityFilter,
  customerKpisHomePageWidget,
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

// Stands in for the home plugin's page (page:home of @backstage/plugin-home, not a dependency of this package): it
// takes the widgets attached to page:home and shows each one, by its name.
const testHomePage = PageBlueprint.makeWithOverrides({
  name: 'home',
  inputs: {
    widgets: createExtensionInput([homePageWidgetDataRef], {
      replaces: [{ id: 'page:home', input: 'widgets' }],
    }),
  },
  factory: (originalFactory, { inputs }) =>
    originalFactory({
      path: '/',
      loader: async () => (
        <>
          {inputs.widgets.map(widget => {
            const { name, component } = widget.get(homePageWidgetDataRef);
            return (
              <section key={name} data-testid={`widget-${name}`}>
                {component}
              </section>
            );
          })}
        </>
      ),
    }),
});

describe('customer-kpis on the new frontend system', () => {
  beforeEach(() => {
    api.getEntityKpis.mockClear();
    api.getKpiSeries.mockClear();
    api.getOwnedKpis.mockClear();
  });

  it('is the customer-kpis plugin: the tab on components and systems, the card on domains too', () => {
    expect(customerKpisFrontendPlugin.pluginId).toBe('customer-kpis');
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

  it("is a home page widget named HomePageCustomerKpisCard, full width, without a title of the home page's", () => {
    expect(
      customerKpisFrontendPlugin.getExtension(
        'home-page-widget:customer-kpis/my-products',
      ),
    ).toBeDefined();
    const widget = createExtensionTester(customerKpisHomePageWidget).get(
      homePageWidgetDataRef,
    );
    expect(widget).toMatchObject({
      name: 'HomePageCustomerKpisCard',
      layout: {
        width: { minColumns: 6, defaultColumns: 12 },
        height: { minRows: 4, defaultRows: 8 },
      },
    });
    // A title would head the card in English; the card heads itself in the reader's language.
    expect(widget.title).toBeUndefined();
    expect(widget.description).toMatch(/systems and components/);
  });

  it("shows the signed-in user's products on the home page, in one card with one heading", async () => {
    await act(async () => {
      renderTestApp({
        features: [customerKpisFrontendPlugin],
        extensions: [testHomePage],
        apis: [
          [customerKpisApiRef, api],
          mockApis.identity({
            userEntityRef: 'user:default/sofia-marquez',
            ownershipEntityRefs: ['user:default/sofia-marquez', PAYMENTS_TEAM],
          }),
        ],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      });
    });
    const widget = await screen.findByTestId('widget-HomePageCustomerKpisCard');
    const card = await within(widget).findByTestId('customer-kpis-home-card');
    expect(await within(card).findAllByTestId('owned-kpis-row')).toHaveLength(
      3,
    );
    expect(api.getOwnedKpis).toHaveBeenCalledWith({
      owner: ['user:default/sofia-marquez', PAYMENTS_TEAM],
      window: '90d',
    });
    // The home page's card frames it; the card adds no frame nor heading of its own beside its title.
    expect(widget.querySelectorAll('[class*="MuiCard-root"]')).toHaveLength(1);
    expect(
      within(widget)
        .getAllByRole('heading')
        .map(heading => heading.textContent),
    ).toEqual(['My products: customer KPIs']);
  });
});
