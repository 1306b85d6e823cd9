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

/**
 * Binds an entity to the ServiceNow tickets whose custom field `u_backstage_entity_id` holds this value, the
 * convention of the Backstage community ServiceNow plugin: `servicenow.com/entity-id: payments-api`.
 */
export const SERVICENOW_ENTITY_ID_ANNOTATION = 'servicenow.com/entity-id';

/**
 * Binds an entity to the ServiceNow tickets of a business service (the `business_service` field), by sys_id; several
 * sys_ids may be separated by commas. Follows the community plugin's `servicenow.com/<field>` convention.
 */
export const SERVICENOW_BUSINESS_SERVICE_ANNOTATION =
  'servicenow.com/business_service';

/** Binds an entity to the ServiceNow tickets of a CMDB configuration item (the `cmdb_ci` field), by sys_id(s). */
export const SERVICENOW_CMDB_CI_ANNOTATION = 'servicenow.com/cmdb_ci';

/** Binds an entity to the ServiceNow tickets of an assignment group (the `assignment_group` field), by sys_id(s). */
export const SERVICENOW_ASSIGNMENT_GROUP_ANNOTATION =
  'servicenow.com/assignment_group';

/** Binds an entity to its active-user series in Prometheus: a PromQL label-matcher list such as `app="checkout"`. */
export const PROMETHEUS_SELECTOR_ANNOTATION =
  'prometheus.io/active-users-selector';

/**
 * Binds an entity to the PostHog events of one product: the value that the event property configured in the
 * `posthog` source (`productProperty`, default `product`) carries for it, e.g. `posthog.com/product: checkout`.
 */
export const POSTHOG_PRODUCT_ANNOTATION = 'posthog.com/product';

/** Binds an entity to every event of a PostHog project: its numeric project id, e.g. `posthog.com/project-id: "12345"`. */
export const POSTHOG_PROJECT_ANNOTATION = 'posthog.com/project-id';

/**
 * The number of users eligible to use an entity bound to PostHog, when no cohort counts them:
 * `posthog.com/eligible-users: "1200"`. It wins over the source's `eligibleCohortId`.
 */
export const POSTHOG_ELIGIBLE_USERS_ANNOTATION = 'posthog.com/eligible-users';

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
