// The leadership page comparing products across the catalog.
export { CustomerKpisPage, CustomerKpisPageContent } from './CustomerKpisPage';
export { LeadershipPage } from './LeadershipPage';
