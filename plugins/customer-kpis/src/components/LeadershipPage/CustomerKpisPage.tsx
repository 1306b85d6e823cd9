// The leadership page as a whole page: with the Backstage header in a legacy app, with the padding only in the new
// frontend system (whose page layout brings the header).
import { Content, Header, Page } from '@backstage/core-components';
import { useKpiFormat } from '../../hooks/useKpiFormat';
import { LeadershipPage } from './LeadershipPage';

/** The "Customer KPIs" page comparing products across the catalog (legacy frontend system). */
export function CustomerKpisPage() {
  const { t } = useKpiFormat();
  return (
    <Page themeId="tool">
      <Header
        title={t('leadership.title')}
        subtitle={t('leadership.subtitle')}
      />
      <Content>
        <LeadershipPage />
      </Content>
    </Page>
  );
}

/** The page's content with the app's page padding, for the new frontend system (whose page header wraps it). */
export function CustomerKpisPageContent() {
  return (
    <Content>
      <LeadershipPage />
    </Content>
  );
}
