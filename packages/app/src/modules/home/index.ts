import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { HomePage } from './HomePage';

/** The demo portal's home page, at /home. */
export const homeModule = createFrontendModule({
  pluginId: 'app',
  extensions: [HomePage],
});
