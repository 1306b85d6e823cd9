// Test helper: the legacy sidebar items in an open sidebar, with a permission API that answers `authorize`.
import { screen } from '@testing-library/react';
import { SidebarPinStateProvider } from '@backstage/core-components';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CustomerKpisSidebarItems } from '../components/NavItems/CustomerKpisSidebarItems';

export async function renderSidebarItems(
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
