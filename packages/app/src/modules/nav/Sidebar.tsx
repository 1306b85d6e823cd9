// The demo portal's sidebar: the catalog first, then every page that plugins contribute and the user may use, and the
// user's settings (theme, language) at the bottom.
import {
  Sidebar,
  SidebarDivider,
  SidebarGroup,
  SidebarItem,
  SidebarScrollWrapper,
  SidebarSpace,
} from '@backstage/core-components';
import {
  NavContentBlueprint,
  NavContentComponentProps,
} from '@backstage/plugin-app-react';
import { useCustomerKpisHiddenNavItems } from '@customer-kpis/backstage-plugin-customer-kpis/alpha';
import MenuIcon from '@material-ui/icons/Menu';
import SettingsIcon from '@material-ui/icons/Settings';

function SidebarNavContent(props: NavContentComponentProps) {
  // The app keeps one item collection across renders: take from a copy, so that an item left out while the
  // permission was loading comes back once it is allowed.
  const navItems = props.navItems.clone();
  // The KPI admin page stays reachable by link (it explains the missing permission); the sidebar leaves it out.
  const hidden = useCustomerKpisHiddenNavItems();
  for (const id of hidden) navItems.take(id);
  const nav = navItems.withComponent(item => (
    <SidebarItem icon={() => item.icon} to={item.href} text={item.title} />
  ));
  // Taken before the rest, so that it is not listed among the pages.
  const settings = nav.take('page:user-settings');
  return (
    <Sidebar>
      <SidebarGroup label="Menu" icon={<MenuIcon />}>
        {nav.take('page:catalog')}
        <SidebarDivider />
        <SidebarScrollWrapper>
          {nav.rest({ sortBy: 'title' })}
        </SidebarScrollWrapper>
      </SidebarGroup>
      <SidebarSpace />
      {settings && (
        <>
          <SidebarDivider />
          <SidebarGroup label="Settings" icon={<SettingsIcon />}>
            {settings}
          </SidebarGroup>
        </>
      )}
    </Sidebar>
  );
}

export const SidebarContent = NavContentBlueprint.make({
  params: { component: SidebarNavContent },
});
