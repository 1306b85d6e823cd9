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
 * Binds an entity to the responses of one or more Typeform forms: `typeform.com/form-id: "aBcD1234"` (several form
 * ids separated by commas). Used when each product has its own form.
 */
export const TYPEFORM_FORM_ANNOTATION = 'typeform.com/form-id';

/**
 * Binds an entity to the responses of one or more SurveyMonkey surveys: `surveymonkey.com/survey-id: "123456789"`
 * (several ids separated by commas). Used when each product has its own survey.
 */
export const SURVEYMONKEY_SURVEY_ANNOTATION = 'surveymonkey.com/survey-id';

/**
 * Binds an entity to the responses of one or more Qualtrics surveys: `qualtrics.com/survey-id: "SV_abc123"` (several
 * ids separated by commas). Used when each product has its own survey.
 */
export const QUALTRICS_SURVEY_ANNOTATION = 'qualtrics.com/survey-id';

/**
 * Binds an entity to the responses of a survey shared by many products: the value that the survey's hidden field
 * (Typeform), custom variable (SurveyMonkey) or embedded data field (Qualtrics) carries for this entity, e.g.
 * `customer-kpis.io/survey-key: checkout` (several values separated by commas). The source's config names the field.
 */
export const SURVEY_KEY_ANNOTATION = 'customer-kpis.io/survey-key';

/**
 * Binds an entity to the requests of a Jira Service Management project: `jira/project-key: SD`. The annotation of the
 * community Jira plugins (Roadie's `@roadiehq/backstage-plugin-jira`), so an entity that already shows its Jira
 * issues needs nothing new.
 */
export const JIRA_PROJECT_KEY_ANNOTATION = 'jira/project-key';

/**
 * Narrows `jira/project-key` to the issues of a Jira component: `jira/component: Payments` (several names separated
 * by commas: any of them). The community Jira plugins' annotation.
 */
export const JIRA_COMPONENT_ANNOTATION = 'jira/component';

/**
 * Narrows `jira/project-key` to the issues with a Jira label: `jira/label: checkout` (several separated by commas:
 * any of them). The community Jira plugins' annotation.
 */
export const JIRA_LABEL_ANNOTATION = 'jira/label';

/**
 * Narrows `jira/project-key` to the requests of Jira Service Management request types, by name or id:
 * `jira/request-type: "Get IT help, 12"` (any of them). For a service project shared by several products.
 */
export const JIRA_REQUEST_TYPE_ANNOTATION = 'jira/request-type';

/**
 * Binds an entity to its users in Amplitude: the value (or several, separated by commas) of the user property that the
 * `amplitude` source's `segmentProperty` names, e.g. `amplitude.com/segment-value: checkout` with
 * `segmentProperty: gp:product`. It becomes the segment filter `s=[{"prop":…,"op":"is","values":[…]}]` of each query.
 */
export const AMPLITUDE_SEGMENT_ANNOTATION = 'amplitude.com/segment-value';

/**
 * The users who could use the product (the denominator of adoption) for the `amplitude` source, a whole number such
 * as `amplitude.com/eligible-users: "1200"`; it overrides the source's `eligibleUsers`.
 */
export const AMPLITUDE_ELIGIBLE_USERS_ANNOTATION =
  'amplitude.com/eligible-users';

/**
 * Binds an entity to the rows of the `sql` source's queries whose `entity_key` column has one of these values:
 * `customer-kpis.io/sql-key: "checkout"` (several keys separated by commas). Rows may name the entity by its ref
 * (`entity_ref`) instead; the entity still carries this annotation, so that it counts as bound.
 */
export const SQL_KEY_ANNOTATION = 'customer-kpis.io/sql-key';

/** The binding annotations of one built-in data source type, as the setup hint lists them. */
export interface CustomerKpisBindingGroup {
  /** The id of the source type, e.g. `zendesk`. */
  readonly sourceType: string;
  /** Its annotations, the main one (the source type's `annotation`) first. */
  readonly annotations: readonly string[];
}

/**
 * The main binding annotation of each built-in data source type (and Zendesk's brand annotation, which it reads
 * beside its group annotation), grouped by source type in the order the setup hint lists them: requests, surveys,
 * usage. A source type's further annotations (ServiceNow's CI or assignment group, PostHog's project id) join the
 * backend's list when its module registers.
 */
export const CUSTOMER_KPIS_BINDING_GROUPS = [
  { sourceType: 'demo', annotations: [DEMO_ANNOTATION] },
  {
    sourceType: 'zendesk',
    annotations: [ZENDESK_GROUP_ANNOTATION, ZENDESK_BRAND_ANNOTATION],
  },
  {
    sourceType: 'servicenow',
    annotations: [SERVICENOW_BUSINESS_SERVICE_ANNOTATION],
  },
  {
    sourceType: 'jira-service-management',
    annotations: [JIRA_PROJECT_KEY_ANNOTATION],
  },
  { sourceType: 'typeform', annotations: [TYPEFORM_FORM_ANNOTATION] },
  { sourceType: 'surveymonkey', annotations: [SURVEYMONKEY_SURVEY_ANNOTATION] },
  { sourceType: 'qualtrics', annotations: [QUALTRICS_SURVEY_ANNOTATION] },
  { sourceType: 'prometheus', annotations: [PROMETHEUS_SELECTOR_ANNOTATION] },
  { sourceType: 'posthog', annotations: [POSTHOG_PRODUCT_ANNOTATION] },
  { sourceType: 'amplitude', annotations: [AMPLITUDE_SEGMENT_ANNOTATION] },
  { sourceType: 'sql', annotations: [SQL_KEY_ANNOTATION] },
] as const satisfies readonly CustomerKpisBindingGroup[];

/** The id of a built-in data source type that {@link CUSTOMER_KPIS_BINDING_GROUPS} lists. */
export type CustomerKpisBindingSourceType =
  (typeof CUSTOMER_KPIS_BINDING_GROUPS)[number]['sourceType'];

/**
 * The annotations that bind an entity to a built-in data source, in the order the setup hint lists them (those of
 * {@link CUSTOMER_KPIS_BINDING_GROUPS}, one after the other). A source type from another module adds its own
 * annotation when it registers; the backend adds these before any registers.
 */
export const CUSTOMER_KPIS_BINDING_ANNOTATIONS: readonly string[] =
  CUSTOMER_KPIS_BINDING_GROUPS.flatMap(group => group.annotations);
