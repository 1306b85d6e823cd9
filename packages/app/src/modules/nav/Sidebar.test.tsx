// The demo portal's sidebar lists the KPI admin page only for users who may manage KPI data sources.
import { act, screen } from '@testing-library/react';
import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import customerKpisPlugin from '@customer-kpis/backstage-plugin-customer-kpis/alpha';
import { mutate } from 'swr';
import { navModule } from '.';

async function renderSidebar(
  sourceManage: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
) {
  await act(async () => {
    renderTestApp({
      features: [customerKpisPlugin, navModule],
      apis: [
        mockApis.permission({
          authorize: request =>
            request.permission.name === 'customer-kpis.source.manage'
              ? sourceManage
              : AuthorizeResult.ALLOW,
        }),
      ],
    });
  });
}

describe('the demo sidebar', () => {
  // usePermission keeps its answers in SWR's global cache: forget them, so each test's answer is asked anew.
  afterEach(() => mutate(() => true, undefined, { revalidate: false }));

  it('lists the KPI admin page for a user allowed to manage KPI sources', async () => {
    await renderSidebar(AuthorizeResult.ALLOW);
    expect(
      await screen.findByRole('link', { name: 'KPI data sources' }),
    ).toHaveAttribute('href', '/customer-kpis/admin');
    expect(screen.getByRole('link', { name: 'Customer KPIs' })).toBeVisible();
  });

  it('leaves the KPI admin page out for everyone else, and keeps the leadership page', async () => {
    await renderSidebar(AuthorizeResult.DENY);
    expect(
      await screen.findByRole('link', { name: 'Customer KPIs' }),
    ).toHaveAttribute('href', '/customer-kpis');
    expect(
      screen.queryByRole('link', { name: 'KPI data sources' }),
    ).not.toBeInTheDocument();
  });
});
