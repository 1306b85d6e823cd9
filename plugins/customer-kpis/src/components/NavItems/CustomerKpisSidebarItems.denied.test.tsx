// A user who may not manage sources (its own file: usePermission caches its answers for the module registry).
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

describe('CustomerKpisSidebarItems without customer-kpis.source.manage', () => {
  it('leaves the admin page out for a user who may not manage sources', async () => {
    await renderItems(AuthorizeResult.DENY);
    expect(
      screen.queryByRole('link', { name: 'KPI data sources' }),
    ).not.toBeInTheDocument();
  });
});
