// Which catalog entities a PostHog product or project feeds, from their annotations, as the "buckets" the queries
// group by: `p:<product property value>` for a product, `*` for every event of the project.
import { Entity } from '@backstage/catalog-model';
import {
  POSTHOG_ELIGIBLE_USERS_ANNOTATION,
  POSTHOG_PRODUCT_ANNOTATION,
  POSTHOG_PROJECT_ANNOTATION,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import {
  annotationValue,
  entityRefOf,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';

/** The bucket of every event of the project. */
export const PROJECT_BUCKET = '*';

/** The bucket of the events whose product property has `value`. */
export const productBucket = (value: string) => `p:${value}`;

/** One bound entity: its ref and, when its annotation gives one, its fixed number of eligible users. */
export interface BoundEntity {
  entityRef: string;
  eligibleUsers?: number;
}

/** Whether the entity carries a PostHog binding annotation with a usable value (any project id, any product). */
export function isBoundToPostHog(entity: Entity): boolean {
  return (
    annotationValue(entity, POSTHOG_PRODUCT_ANNOTATION) !== undefined ||
    /^\d+$/.test(annotationValue(entity, POSTHOG_PROJECT_ANNOTATION) ?? '')
  );
}

/** The entities of one source instance by bucket, and the annotations that could not be used. */
export class PostHogBindings {
  private readonly byBucket = new Map<string, BoundEntity[]>();
  /** Entity refs with an `posthog.com/eligible-users` that is not a whole number ≥ 0. */
  readonly badEligible: string[] = [];

  constructor(entities: Entity[], projectId: string) {
    for (const entity of entities) {
      const entityRef = entityRefOf(entity);
      const eligibleText = annotationValue(
        entity,
        POSTHOG_ELIGIBLE_USERS_ANNOTATION,
      );
      let eligibleUsers: number | undefined;
      if (eligibleText !== undefined) {
        if (/^\d+$/.test(eligibleText)) {
          eligibleUsers = Number(eligibleText);
        } else {
          this.badEligible.push(entityRef);
        }
      }
      const bound: BoundEntity = { entityRef, eligibleUsers };
      const product = annotationValue(entity, POSTHOG_PRODUCT_ANNOTATION);
      if (product !== undefined) {
        this.add(productBucket(product), bound);
      } else if (
        annotationValue(entity, POSTHOG_PROJECT_ANNOTATION) === projectId
      ) {
        this.add(PROJECT_BUCKET, bound);
      }
    }
  }

  private add(bucket: string, entity: BoundEntity) {
    this.byBucket.set(bucket, [...(this.byBucket.get(bucket) ?? []), entity]);
  }

  /** Every bucket some entity is bound to, sorted (the queries' `buckets` value). */
  get buckets(): string[] {
    return [...this.byBucket.keys()].sort();
  }

  /** The entities a bucket feeds. */
  entitiesOf(bucket: string): BoundEntity[] {
    return this.byBucket.get(bucket) ?? [];
  }

  /** Whether some bound entity has no fixed number of eligible users (then the cohort counts them). */
  get needsEligibleCohort(): boolean {
    return [...this.byBucket.values()].some(entities =>
      entities.some(e => e.eligibleUsers === undefined),
    );
  }
}
