// The id the app's nav content takes out is the admin page's real extension id.
import customerKpisFrontendPlugin from '../../alpha';
import { CUSTOMER_KPIS_ADMIN_PAGE_ID } from './useCustomerKpisHiddenNavItems';

describe('CUSTOMER_KPIS_ADMIN_PAGE_ID', () => {
  it('names the admin page of the plugin', () => {
    expect(
      customerKpisFrontendPlugin.getExtension(CUSTOMER_KPIS_ADMIN_PAGE_ID),
    ).toMatchObject({ kind: 'page', name: 'admin' });
  });
});
