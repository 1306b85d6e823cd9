// The catalog annotations that bind an entity to a data source, named in the card's setup hint.

/**
 * Annotations that bind a catalog entity to a built-in data source. The backend modules define the same names;
 * they are repeated here because a frontend must not depend on a node package.
 */
export const CUSTOMER_KPIS_BINDING_ANNOTATIONS = [
  'customer-kpis.io/demo',
  'zendesk.com/group-id',
  'prometheus.io/active-users-selector',
] as const;
