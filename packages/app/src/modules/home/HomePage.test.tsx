// The demo portal's home page lists the signed-in user's products with their customer KPIs, each linking to its page.
import { act, screen, within } from '@testing-library/react';
import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import customerKpisPlugin from '@customer-kpis/backstage-plugin-customer-kpis/alpha';
import {
  CustomerKpisApi,
  customerKpisApiRef,
} from '@customer-kpis/backstage-plugin-customer-kpis';
import { homeModule } from '.';

const CHECKOUT_TEAM = 'group:default/team-checkout';

type OwnedAnswer = Awaited<ReturnType<CustomerKpisApi['getOwnedKpis']>>;

const KPIS = [
  'adoption',
  'time-to-value',
  'time-to-resolve',
  'customer-effort',
  'satisfaction',
  'retention',
  'recommend',
];

/** One system of the checkout team, as GET /overview/owned answers it (no KPI with data yet). */
const owned: OwnedAnswer = {
  owners: ['user:default/visitor', CHECKOUT_TEAM],
  window: { from: '2025-04-01', to: '2025-06-29', days: 90 },
  previousWindow: { from: '2025-01-01', to: '2025-03-31', days: 90 },
  total: 1,
  rows: [
    {
      ref: 'system:default/online-storefront',
      title: 'Online Storefront',
      kind: 'system',
      owner: CHECKOUT_TEAM,
      system: 'system:default/online-storefront',
      domain: 'domain:default/commerce',
      lifecycle: null,
      entityCount: 4,
      kpis: Object.fromEntries(
        KPIS.map(kpi => [
          kpi,
          {
            value: null,
            n: 0,
            unweightedMean: null,
            status: 'insufficient-data',
            delta: null,
            significant: false,
            change: 'insufficient-data',
            changeReason: 'no-data',
          },
        ]),
      ) as OwnedAnswer['rows'][number]['kpis'],
      cci: { value: null, delta: null },
    },
  ],
  warnings: [],
  minimumSample: 30,
};

describe('the home page', () => {
  it("shows the card of the signed-in user's products at /home", async () => {
    const getOwnedKpis = jest.fn(async () => owned);
    await act(async () => {
      renderTestApp({
        // The catalog mounts the entity pages that the rows link to.
        features: [catalogPlugin, customerKpisPlugin, homeModule],
        apis: [
          mockApis.identity({
            userEntityRef: 'user:default/visitor',
            ownershipEntityRefs: ['user:default/visitor', CHECKOUT_TEAM],
          }),
          [
            customerKpisApiRef,
            { getOwnedKpis } as Partial<CustomerKpisApi> as CustomerKpisApi,
          ],
        ],
        initialRouteEntries: ['/home'],
      });
    });
    const card = await screen.findByTestId(
      'customer-kpis-home-card',
      {},
      { timeout: 10_000 },
    );
    const link = await within(card).findByRole('link', {
      name: 'Online Storefront',
    });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/system/online-storefront',
    );
    expect(getOwnedKpis).toHaveBeenCalledWith({
      owner: ['user:default/visitor', CHECKOUT_TEAM],
      window: '90d',
    });
  });
});
