// The seven KPI ids: the one list that the store, the API and the UI key everything by.

/** The ids of the seven customer-centric KPIs, in the order the UI shows them. */
export const KPI_IDS = [
  'adoption',
  'time-to-value',
  'time-to-resolve',
  'customer-effort',
  'satisfaction',
  'retention',
  'recommend',
] as const;

/** One of the seven KPI ids. */
export type KpiId = (typeof KPI_IDS)[number];

/** Whether `value` is one of the seven KPI ids (for input of unknown origin: URLs, config, JSON). */
export function isKpiId(value: unknown): value is KpiId {
  return (
    typeof value === 'string' && (KPI_IDS as readonly string[]).includes(value)
  );
}
