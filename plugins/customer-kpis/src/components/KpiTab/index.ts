// The customer KPIs entity tab.
export { EntityCustomerKpisContent } from './EntityCustomerKpisContent';
