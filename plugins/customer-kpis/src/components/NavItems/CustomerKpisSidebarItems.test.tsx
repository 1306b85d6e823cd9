// A user who may not manage sources: CustomerKpisSidebarItems.denied.test.tsx (usePermission caches its answers for
// the whole module registry, which jest renews per file).
import { screen } from '@testing-library/react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { renderSidebarItems as renderItems } from '../../__testUtils__/renderSidebarItems';

describe('CustomerKpisSidebarItems', () => {
  it('links the leadership and admin pages for a user who may manage sources', async () => {
    await renderItems(AuthorizeResult.ALLOW);
    expect(screen.getByRole('link', { name: 'Customer KPIs' })).toHaveAttribute(
      'href',
      '/customer-kpis',
    );
    expect(
      await screen.findByRole('link', { name: 'KPI data sources' }),
    ).toHaveAttribute('href', '/customer-kpis/admin');
  });

  it('links the admin page where the app routes it', async () => {
    await renderItems(AuthorizeResult.ALLOW, '/kpi-admin');
    expect(
      await screen.findByRole('link', { name: 'KPI data sources' }),
    ).toHaveAttribute('href', '/kpi-admin');
  });
});
