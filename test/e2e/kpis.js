// The ids of the seven KPIs, in the order the card shows them (plugins/customer-kpis-common defines them; these plain
// JavaScript tests run without its TypeScript build).
const KPI_IDS = [
  'adoption',
  'time-to-value',
  'time-to-resolve',
  'customer-effort',
  'satisfaction',
  'retention',
  'recommend',
];

module.exports = { KPI_IDS };
