// The demo portal's sidebar lists the KPI admin page only for users who may manage KPI data sources, and the user's
// settings at the bottom.
import { act, screen, within } from '@testing-library/react';
import {
  createFrontendPlugin,
  createRouteRef,
  FrontendFeature,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import SettingsIcon from '@material-ui/icons/Settings';
import customerKpisPlugin from '@customer-kpis/backstage-plugin-customer-kpis/alpha';
import { mutate } from 'swr';
import { navModule } from '.';

/** A plugin with one page listed in the navigation (the app lists pages with a route and an icon). */
function pagePlugin(pluginId: string, path: string, title: string) {
  const routeRef = createRouteRef();
  return createFrontendPlugin({
    pluginId,
    routes: { root: routeRef },
    extensions: [
      PageBlueprint.make({
        params: {
          path,
          title,
          icon: <SettingsIcon fontSize="inherit" />,
          routeRef,
          loader: async () => <div />,
        },
      }),
    ],
  });
}

// Stands in for @backstage/plugin-user-settings/alpha, which the app finds by feature discovery: its page has the
// same extension id (page:user-settings), path and title.
const userSettingsStandIn = pagePlugin(
  'user-settings',
  '/settings',
  'Settings',
);
// A page whose title sorts after "Settings".
const techRadarStandIn = pagePlugin('tech-radar', '/tech-radar', 'Tech Radar');

async function renderSidebar(
  sourceManage: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
  features: FrontendFeature[] = [],
) {
  await act(async () => {
    renderTestApp({
      features: [customerKpisPlugin, navModule, ...features],
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

  it('puts the settings page at the bottom, after every page', async () => {
    // Denied, the admin page is left out whether or not the answer has come.
    await renderSidebar(AuthorizeResult.DENY, [
      userSettingsStandIn,
      techRadarStandIn,
    ]);
    const settings = await screen.findByRole('link', { name: 'Settings' });
    const links = within(settings.closest('nav')!)
      .getAllByRole('link')
      .map(link => link.getAttribute('href'));
    expect(links).toEqual(['/customer-kpis', '/tech-radar', '/settings']);
  });
});
