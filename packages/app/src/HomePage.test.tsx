// The demo portal's home page is the home plugin's (found by feature discovery), at /home, and app-config.yaml's
// default layout puts the signed-in user's products on it with their customer KPIs, each linking to its page.
import { resolve as resolvePath } from 'node:path';
import { act, screen, within } from '@testing-library/react';
import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import homePlugin from '@backstage/plugin-home/alpha';
import customerKpisPlugin from '@customer-kpis/backstage-plugin-customer-kpis/alpha';
import {
  CustomerKpisApi,
  customerKpisApiRef,
} from '@customer-kpis/backstage-plugin-customer-kpis';
import { navModule } from './modules/nav';

// The demo's own config, the root app-config.yaml (the jest setup reads YAML as data): its extensions' config, the
// home page's default layout included. A path outside the package, so built rather than imported.
const appConfig = require(resolvePath(__dirname, '../../../app-config.yaml'));

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

async function renderPortal(getOwnedKpis: CustomerKpisApi['getOwnedKpis']) {
  await act(async () => {
    renderTestApp({
      // The catalog mounts the entity pages that the rows link to.
      features: [catalogPlugin, homePlugin, customerKpisPlugin, navModule],
      config: {
        app: {
          baseUrl: 'http://localhost:3000',
          extensions: appConfig.app.extensions,
        },
        backend: { baseUrl: 'http://localhost:7007' },
      },
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
}

describe('the home page', () => {
  // The home page's grid lays its widgets out only once it has measured a width, which jsdom does not give: a
  // browser's 1440 px window.
  let offsetWidth: jest.SpyInstance;
  beforeAll(() => {
    offsetWidth = jest
      .spyOn(HTMLElement.prototype, 'offsetWidth', 'get')
      .mockReturnValue(1440);
  });
  afterAll(() => offsetWidth.mockRestore());

  it("shows the card of the signed-in user's products at /home without any setup by the user", async () => {
    const getOwnedKpis = jest.fn(async () => owned);
    await renderPortal(getOwnedKpis);
    const card = await screen.findByTestId(
      'customer-kpis-home-card',
      {},
      { timeout: 10_000 },
    );
    expect(
      within(card).getByRole('heading', { name: 'My products: customer KPIs' }),
    ).toBeInTheDocument();
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
    // The only widget the default layout places.
    expect(screen.getAllByTestId('customer-kpis-home-card')).toHaveLength(1);
  }, 20_000);

  it('is in the sidebar as Home, beside the catalog at /', async () => {
    await renderPortal(async () => owned);
    await screen.findByTestId(
      'customer-kpis-home-card',
      {},
      { timeout: 10_000 },
    );
    const home = screen.getByRole('link', { name: 'Home' });
    expect(home).toHaveAttribute('href', '/home');
    expect(
      within(home.closest('nav')!).getByRole('link', { name: 'Catalog' }),
    ).toHaveAttribute('href', '/');
  }, 20_000);
});
