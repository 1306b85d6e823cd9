// Which catalog entities a Zendesk group or brand feeds, from the entities' annotations.
import { Entity } from '@backstage/catalog-model';
import {
  ZENDESK_BRAND_ANNOTATION,
  ZENDESK_GROUP_ANNOTATION,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { entityRefOf } from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { annotationIds } from './config';

/** Entity refs by Zendesk group id and by brand id. */
export class ZendeskBindings {
  private readonly byGroup = new Map<string, Set<string>>();
  private readonly byBrand = new Map<string, Set<string>>();

  constructor(entities: Entity[]) {
    for (const entity of entities) {
      const ref = entityRefOf(entity);
      for (const groupId of annotationIds(entity, ZENDESK_GROUP_ANNOTATION)) {
        this.byGroup.set(
          groupId,
          (this.byGroup.get(groupId) ?? new Set()).add(ref),
        );
      }
      for (const brandId of annotationIds(entity, ZENDESK_BRAND_ANNOTATION)) {
        this.byBrand.set(
          brandId,
          (this.byBrand.get(brandId) ?? new Set()).add(ref),
        );
      }
    }
  }

  /** Whether any entity is bound through a brand (then ratings need their ticket's brand). */
  get usesBrands(): boolean {
    return this.byBrand.size > 0;
  }

  /** The refs of the entities fed by a ticket or rating of this group and brand, each once. */
  entityRefsFor(groupId?: string | null, brandId?: string | null): string[] {
    return [
      ...new Set([
        ...(groupId ? this.byGroup.get(groupId) ?? [] : []),
        ...(brandId ? this.byBrand.get(brandId) ?? [] : []),
      ]),
    ];
  }
}
