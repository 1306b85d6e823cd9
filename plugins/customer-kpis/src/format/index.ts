// Formatting of KPI values, changes, counts, ages and days in the user's locale.
export * from './numbers';
export * from './formatKpi';
