// A user who may not manage sources: CustomerKpisSidebarItems.denied.test.tsx (usePermission caches its answers for
// the whole module registry, which jest renews per file).
import { screen } from '@testing-library/react';
import { SidebarPinStateProvider } from '@backstage/core-components';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CustomerKpisSidebarItems } from './CustomerKpisSidebarItems';

async function renderItems(
  authorize: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
  adminPath?: string,
) {
  await renderInTestApp(
    <SidebarPinStateProvider
      value={{
        isPinned: true,
        toggleSidebarPinState: () => {},
        isMobile: false,
      }}
    >
      <CustomerKpisSidebarItems adminPath={adminPath} />
    </SidebarPinStateProvider>,
    { apis: [[permissionApiRef, mockApis.permission({ authorize })]] },
  );
  await screen.findByRole('link', { name: 'Customer KPIs' });
}

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
