// A user who may not manage sources (its own file: usePermission caches its answers for the module registry).
import { screen } from '@testing-library/react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { renderSidebarItems as renderItems } from '../../__testUtils__/renderSidebarItems';

describe('CustomerKpisSidebarItems without customer-kpis.source.manage', () => {
  it('leaves the admin page out for a user who may not manage sources', async () => {
    await renderItems(AuthorizeResult.DENY);
    expect(
      screen.queryByRole('link', { name: 'KPI data sources' }),
    ).not.toBeInTheDocument();
  });
});
