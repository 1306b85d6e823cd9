// Navigation helpers for apps: which of the plugin's pages to leave out of the sidebar for the signed-in user.
export {
  CUSTOMER_KPIS_ADMIN_PAGE_ID,
  useCustomerKpisHiddenNavItems,
} from './useCustomerKpisHiddenNavItems';
export { CustomerKpisSidebarItems } from './CustomerKpisSidebarItems';
export type { CustomerKpisSidebarItemsProps } from './CustomerKpisSidebarItems';
