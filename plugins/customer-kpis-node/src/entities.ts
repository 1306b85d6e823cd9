// Small helpers for source types that bind catalog entities through annotations.
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';

/** The trimmed value of `annotation` on `entity`, or `undefined` when it is absent or blank. */
export function annotationValue(
  entity: Entity,
  annotation: string,
): string | undefined {
  const value = entity.metadata.annotations?.[annotation]?.trim();
  return value ? value : undefined;
}

/** The entity's ref in the normalised form observations use: lower-case `kind:namespace/name`. */
export function entityRefOf(entity: Entity): string {
  return stringifyEntityRef(entity).toLocaleLowerCase('en-US');
}

/**
 * Groups entities by the value of `annotation`; entities without it are left out. Several entities may share a value
 * (say two components fed by one Zendesk group): each then receives the same data.
 */
export function entitiesByAnnotation(
  entities: Entity[],
  annotation: string,
): Map<string, Entity[]> {
  const byValue = new Map<string, Entity[]>();
  for (const entity of entities) {
    const value = annotationValue(entity, annotation);
    if (value !== undefined) {
      byValue.set(value, [...(byValue.get(value) ?? []), entity]);
    }
  }
  return byValue;
}
