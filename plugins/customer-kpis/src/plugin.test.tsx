// The legacy frontend system's plugin, and its home page card as the home plugin's grid finds and shows it.
import { act, screen, within } from '@testing-library/react';
import { getComponentData } from '@backstage/core-plugin-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { CustomerKpisApi, customerKpisApiRef } from './api';
import {
  PAYMENTS_TEAM,
  ownedAnswer,
} from './components/OwnedKpis/ownedFixtures';
import { customerKpisPlugin, HomePageCustomerKpisCard } from './plugin';
import customerKpisFrontendPlugin from './alpha';

describe('customer-kpis frontend plugin', () => {
  it('has the same id on the legacy and the new frontend system', () => {
    expect(customerKpisPlugin.getId()).toBe('customer-kpis');
    expect(customerKpisFrontendPlugin.pluginId).toBe('customer-kpis');
  });
});

describe('the legacy home page card (HomePageCustomerKpisCard)', () => {
  it('is a home card by the same name and size as the widget of the new frontend system', () => {
    // What CustomHomepageGrid reads: a default layout places the card by this name.
    const card = <HomePageCustomerKpisCard />;
    expect(getComponentData(card, 'core.extensionName')).toBe(
      'HomePageCustomerKpisCard',
    );
    expect(getComponentData(card, 'title')).toBeUndefined();
    expect(getComponentData(card, 'home.widget.config')).toEqual({
      layout: {
        width: { minColumns: 6, defaultColumns: 12 },
        height: { minRows: 4, defaultRows: 8 },
      },
      settings: undefined,
    });
  });

  it("shows the signed-in user's products in one card with one heading", async () => {
    const getOwnedKpis = jest.fn(async () => ownedAnswer());
    await act(async () => {
      renderInTestApp(<HomePageCustomerKpisCard />, {
        apis: [
          [
            customerKpisApiRef,
            { getOwnedKpis } as Partial<CustomerKpisApi> as CustomerKpisApi,
          ],
          mockApis.identity({
            userEntityRef: 'user:default/sofia-marquez',
            ownershipEntityRefs: ['user:default/sofia-marquez', PAYMENTS_TEAM],
          }),
        ],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      });
    });
    const card = await screen.findByTestId('customer-kpis-home-card');
    expect(await within(card).findAllByTestId('owned-kpis-row')).toHaveLength(
      3,
    );
    expect(getOwnedKpis).toHaveBeenCalledWith({
      owner: ['user:default/sofia-marquez', PAYMENTS_TEAM],
      window: '90d',
    });
    // The home card's frame holds it, headed by the card's own title in the reader's language.
    expect(document.querySelectorAll('[class*="MuiCard-root"]')).toHaveLength(
      1,
    );
    expect(
      screen.getAllByRole('heading').map(heading => heading.textContent),
    ).toEqual(['My products: customer KPIs']);
  });
});
