// The leadership page in both frontend systems: the new system's page extension at /customer-kpis, and the legacy
// page with its own header.
import { act, screen } from '@testing-library/react';
import { renderInTestApp, renderTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { customerKpisApiRef } from '../../api';
import { customerKpisPage } from '../../alpha';
import { CustomerKpisPage } from './CustomerKpisPage';
import { fakeOverviewApi } from './overviewFixtures';

describe('the Customer KPIs page', () => {
  it('is served at /customer-kpis by the new frontend system, with the state of its URL', async () => {
    const api = fakeOverviewApi();
    await act(async () => {
      renderTestApp({
        extensions: [customerKpisPage],
        apis: [[customerKpisApiRef, api]],
        initialRouteEntries: ['/customer-kpis?groupBy=system'],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      });
    });
    expect(
      await screen.findByTestId('customer-kpis-leadership', undefined, {
        timeout: 5000,
      }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Payments')).toBeInTheDocument();
    expect(api.getOverview).toHaveBeenCalledWith(
      expect.objectContaining({ groupBy: 'system' }),
    );
  });

  it('has its own header in a legacy app', async () => {
    await act(async () => {
      renderInTestApp(<CustomerKpisPage />, {
        apis: [[customerKpisApiRef, fakeOverviewApi()]],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      });
    });
    expect(
      screen.getByRole('heading', { name: 'Customer KPIs' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Checkout Service')).toBeInTheDocument();
  });
});
