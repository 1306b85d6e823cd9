// The data-source admin page: sources, their runs, a form per source type, and KPI coverage.
export {
  CustomerKpisAdminPage,
  CustomerKpisAdminPageBody,
} from './CustomerKpisAdminPage';
export { AdminPageContent } from './AdminPageContent';
