export interface Config {
  /** Configuration of the customer-kpis plugin. */
  customerKpis?: {
    /**
     * Fewest answers (or tickets, or customers) a KPI needs before its value gets a target status and
     * before a change is called better or worse. Below it the value is shown greyed.
     * @default 30
     */
    minimumSample?: number;
    /**
     * Days of raw observations to keep. Daily aggregates are kept; raw rows older than this are
     * deleted by the daily cleanup task.
     * @default 730
     */
    retentionDays?: number;
  };
}
