// The catalog annotations that bind entities to the built-in data sources, defined once for the frontend, the
// backend and the source modules. (The target annotation `customer-kpis.io/target.<kpi>` lives with the thresholds it
// sets, in targets/thresholds.ts.)

/**
 * Opts an entity into the `demo` source's synthetic data: `customer-kpis.io/demo: enabled`, or a comma-separated
 * list of KPI ids (`recommend,satisfaction`).
 */
export const DEMO_ANNOTATION = 'customer-kpis.io/demo';

/**
 * Binds an entity to the tickets and ratings of one or more Zendesk groups: `zendesk.com/group-id: "360001234567"`
 * (several ids separated by commas).
 */
export const ZENDESK_GROUP_ANNOTATION = 'zendesk.com/group-id';

/**
 * Binds an entity to the tickets and ratings of one or more Zendesk brands: `zendesk.com/brand-id: "360000123"`
 * (several ids separated by commas).
 */
export const ZENDESK_BRAND_ANNOTATION = 'zendesk.com/brand-id';

/** Binds an entity to its active-user series in Prometheus: a PromQL label-matcher list such as `app="checkout"`. */
export const PROMETHEUS_SELECTOR_ANNOTATION =
  'prometheus.io/active-users-selector';

/**
 * The annotations that bind an entity to a built-in data source, in the order the setup hint lists them. A source
 * type from another module adds its own annotation when it registers; the backend adds these before any registers.
 */
export const CUSTOMER_KPIS_BINDING_ANNOTATIONS = [
  DEMO_ANNOTATION,
  ZENDESK_GROUP_ANNOTATION,
  ZENDESK_BRAND_ANNOTATION,
  PROMETHEUS_SELECTOR_ANNOTATION,
] as const;
