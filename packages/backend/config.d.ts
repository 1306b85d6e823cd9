// The configuration read by the demo portal's own backend code (its permission policy).
export interface Config {
  permission?: {
    /** The demo portal's permission policy (packages/backend/src/permissionPolicy.ts, docs/permissions.md). */
    customerKpis?: {
      /**
       * The group whose direct members may manage KPI data sources (`customer-kpis.source.manage`), push
       * observations (`customer-kpis.observation.create`) and change the catalog; everyone else only reads.
       * @default "group:default/platform-engineering"
       */
      platformGroup?: string;
    };
  };
}
