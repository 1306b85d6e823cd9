// The demo portal: the new frontend system with the catalog and the sidebar; every other plugin, ours and the home
// page's included, arrives through feature discovery (`app.packages: all` in app-config.yaml).
import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { navModule } from './modules/nav';

export default createApp({
  features: [catalogPlugin, navModule],
});
