// The demo portal's home page: the signed-in user's products with their customer KPIs. A portal with the home plugin
// places the same card among the widgets of its own home page instead.
import { Content } from '@backstage/core-components';
import { PageBlueprint, createRouteRef } from '@backstage/frontend-plugin-api';
import HomeIcon from '@material-ui/icons/Home';

export const homeRouteRef = createRouteRef();

export const HomePage = PageBlueprint.make({
  name: 'home',
  params: {
    path: '/home',
    title: 'Home',
    icon: <HomeIcon fontSize="inherit" />,
    routeRef: homeRouteRef,
    loader: () =>
      import('@customer-kpis/backstage-plugin-customer-kpis/alpha').then(m => (
        <Content>
          <m.CustomerKpisMyProductsCard />
        </Content>
      )),
  },
});
