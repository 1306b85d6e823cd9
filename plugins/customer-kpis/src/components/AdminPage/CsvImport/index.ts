// The CSV import section of the admin page.
export { CsvImportSection } from './CsvImportSection';
