// The demo portal: the new frontend system with the catalog and a home page of the user's products; every other
// plugin, ours included, arrives through feature discovery (`app.packages: all` in app-config.yaml).
import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { homeModule } from './modules/home';
import { navModule } from './modules/nav';

export default createApp({
  features: [catalogPlugin, navModule, homeModule],
});
