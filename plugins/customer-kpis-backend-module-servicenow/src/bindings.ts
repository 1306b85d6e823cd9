// Which catalog entities a ServiceNow record feeds: the entity's servicenow.com/<field> annotations name values of the
// record's fields, and a record feeds the entity when it matches every one of them.
import { Entity } from '@backstage/catalog-model';
import {
  SERVICENOW_ASSIGNMENT_GROUP_ANNOTATION,
  SERVICENOW_BUSINESS_SERVICE_ANNOTATION,
  SERVICENOW_CMDB_CI_ANNOTATION,
  SERVICENOW_ENTITY_ID_ANNOTATION,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import {
  annotationValue,
  entityRefOf,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { SYS_ID_PATTERN } from './config';

/** The binding annotations, each with the record field it names and whether its values are sys_ids. */
export const BINDING_FIELDS = [
  {
    annotation: SERVICENOW_BUSINESS_SERVICE_ANNOTATION,
    field: 'business_service',
    sysIds: true,
  },
  { annotation: SERVICENOW_CMDB_CI_ANNOTATION, field: 'cmdb_ci', sysIds: true },
  {
    annotation: SERVICENOW_ASSIGNMENT_GROUP_ANNOTATION,
    field: 'assignment_group',
    sysIds: true,
  },
  {
    annotation: SERVICENOW_ENTITY_ID_ANNOTATION,
    field: 'u_backstage_entity_id',
    sysIds: false,
  },
] as const;

/** Every binding annotation, the main one (business service) first. */
export const BINDING_ANNOTATIONS = BINDING_FIELDS.map(b => b.annotation);

type Condition = { field: string; values: Set<string>; sysIds: boolean };

/**
 * The conditions an entity's annotations set, or `undefined` when it carries none or one without a usable value (a
 * reference annotation must list sys_ids; a name would never match the raw value the Table API returns).
 */
export function bindingConditions(entity: Entity): Condition[] | undefined {
  const conditions: Condition[] = [];
  for (const binding of BINDING_FIELDS) {
    const raw = annotationValue(entity, binding.annotation);
    if (raw === undefined) {
      continue;
    }
    const values = raw
      .split(',')
      .map(value => value.trim())
      .filter(Boolean);
    if (
      values.length === 0 ||
      (binding.sysIds && !values.every(value => SYS_ID_PATTERN.test(value)))
    ) {
      return undefined;
    }
    conditions.push({
      field: binding.field,
      values: new Set(
        binding.sysIds ? values.map(value => value.toLowerCase()) : values,
      ),
      sysIds: binding.sysIds,
    });
  }
  return conditions.length > 0 ? conditions : undefined;
}

/** Whether an entity is bound to ServiceNow records: it carries binding annotations, all with usable values. */
export function isBoundToServiceNow(entity: Entity): boolean {
  return bindingConditions(entity) !== undefined;
}

/** A record's raw field values by name (reference fields as their sys_id). */
export type RecordFields = Record<string, string | undefined>;

/** Entity refs by their binding conditions. */
export class ServiceNowBindings {
  private readonly bound: { ref: string; conditions: Condition[] }[] = [];

  constructor(entities: Entity[]) {
    for (const entity of entities) {
      const conditions = bindingConditions(entity);
      if (conditions) {
        this.bound.push({ ref: entityRefOf(entity), conditions });
      }
    }
  }

  /** The record fields that the bound entities' annotations name: what the source asks ServiceNow for. */
  get fieldsInUse(): string[] {
    return BINDING_FIELDS.map(b => b.field).filter(field =>
      this.bound.some(({ conditions }) =>
        conditions.some(condition => condition.field === field),
      ),
    );
  }

  /** The refs of the entities a record feeds (every condition of the entity matches), each once, sorted. */
  entityRefsFor(record: RecordFields): string[] {
    const refs = new Set<string>();
    for (const { ref, conditions } of this.bound) {
      if (
        conditions.every(({ field, values, sysIds }) => {
          const value = record[field]?.trim();
          return (
            Boolean(value) && values.has(sysIds ? value!.toLowerCase() : value!)
          );
        })
      ) {
        refs.add(ref);
      }
    }
    return [...refs].sort();
  }
}
