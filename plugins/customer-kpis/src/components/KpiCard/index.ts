// The customer KPIs entity card.
export { EntityCustomerKpisCard } from './EntityCustomerKpisCard';
export { KpiTile } from './KpiTile';
export type { KpiTileProps } from './KpiTile';
