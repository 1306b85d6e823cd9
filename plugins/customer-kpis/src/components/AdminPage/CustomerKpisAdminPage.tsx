// The data-source admin page as a full page with its own header, for apps on the legacy frontend system.
import { Content, Header, Page } from '@backstage/core-components';
import { useKpiFormat } from '../../hooks/useKpiFormat';
import { AdminPageContent } from './AdminPageContent';

/** The page's body with the app's content padding, for the new frontend system (whose page supplies the header). */
export function CustomerKpisAdminPageBody() {
  return (
    <Content>
      <AdminPageContent />
    </Content>
  );
}

/** The "KPI data sources" page: header and {@link AdminPageContent}. */
export function CustomerKpisAdminPage() {
  const { t } = useKpiFormat();
  return (
    <Page themeId="tool">
      <Header title={t('admin.title')} subtitle={t('admin.subtitle')} />
      <Content>
        <AdminPageContent />
      </Content>
    </Page>
  );
}
