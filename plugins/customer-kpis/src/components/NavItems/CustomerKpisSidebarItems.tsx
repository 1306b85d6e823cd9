// The sidebar entries of a legacy app: the leadership page for everyone, the data-source admin page for those who may
// manage sources (the new frontend system lists both pages itself; see useCustomerKpisHiddenNavItems).
import { SidebarItem } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { customerKpisSourceManagePermission } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import InsightsIcon from '@mui/icons-material/Insights';
import SettingsInputComponentIcon from '@mui/icons-material/SettingsInputComponent';
import { customerKpisTranslationRef } from '../../translations/ref';

/** Where the legacy app routes the two pages (`<Route path=… element={<CustomerKpisPage />} />`). */
export interface CustomerKpisSidebarItemsProps {
  /** The leadership page's path; `/customer-kpis` by default. */
  path?: string;
  /** The admin page's path; `<path>/admin` by default. */
  adminPath?: string;
}

/**
 * "Customer KPIs" and, for users with `customer-kpis.source.manage`, "KPI data sources": a legacy app's sidebar
 * entries for the leadership and admin pages, titled in the reader's language. The admin entry stays hidden until the
 * permission check has answered.
 *
 * @public
 */
export function CustomerKpisSidebarItems(props: CustomerKpisSidebarItemsProps) {
  const { t } = useTranslationRef(customerKpisTranslationRef);
  const path = props.path ?? '/customer-kpis';
  const { allowed } = usePermission({
    permission: customerKpisSourceManagePermission,
  });
  return (
    <>
      <SidebarItem icon={InsightsIcon} to={path} text={t('leadership.title')} />
      {allowed && (
        <SidebarItem
          icon={SettingsInputComponentIcon}
          to={props.adminPath ?? `${path}/admin`}
          text={t('admin.title')}
        />
      )}
    </>
  );
}
