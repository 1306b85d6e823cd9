// Which catalog entities a survey response feeds: by the survey's id in an entity annotation (one survey per
// product), or by a hidden field's value matched against an entity's survey-key annotation (one survey, many products).
import { Entity } from '@backstage/catalog-model';
import { SURVEY_KEY_ANNOTATION } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { annotationValue, entityRefOf } from '../entities';

/** The comma-separated values of an annotation, trimmed, without blanks. */
export function annotationList(entity: Entity, annotation: string): string[] {
  return (annotationValue(entity, annotation) ?? '')
    .split(',')
    .map(value => value.trim())
    .filter(Boolean);
}

/**
 * Whether an entity is bound to a survey source: it names a survey in the tool's annotation (`surveyAnnotation`), or
 * a survey key for sources that bind by hidden field.
 */
export function isBoundToSurvey(
  entity: Entity,
  surveyAnnotation: string,
): boolean {
  return (
    annotationList(entity, surveyAnnotation).length > 0 ||
    annotationList(entity, SURVEY_KEY_ANNOTATION).length > 0
  );
}

/** Why a response is bound to no entity. */
export type UnboundReason = 'no-binding-value' | 'not-bound';

/** The entities of a response, or why there are none. */
export type ResponseBinding =
  | { entityRefs: string[] }
  | { entityRefs: []; reason: UnboundReason; detail: string };

/** How a source binds responses; see {@link SurveyBindings}. */
export interface SurveyBindingOptions {
  /** The tool's survey annotation, e.g. `typeform.com/form-id`: one survey per entity. */
  surveyAnnotation: string;
  /**
   * The hidden field whose value names the product (config `hiddenField`). When set, responses are bound by it and
   * `SURVEY_KEY_ANNOTATION` (common), and the survey annotation is not read.
   */
  hiddenField?: string;
}

/**
 * Entity refs by survey id or by survey key. One survey per product: an entity with `typeform.com/form-id: abc`
 * receives every response of form `abc`. One survey for many products: with `hiddenField: product`, an entity with
 * `customer-kpis.io/survey-key: checkout` receives the responses whose hidden field `product` is `checkout`. Several
 * entities may share a value; each then receives the response.
 */
export class SurveyBindings {
  private readonly byValue = new Map<string, Set<string>>();

  constructor(
    entities: Entity[],
    private readonly options: SurveyBindingOptions,
  ) {
    const annotation = options.hiddenField
      ? SURVEY_KEY_ANNOTATION
      : options.surveyAnnotation;
    for (const entity of entities) {
      const ref = entityRefOf(entity);
      for (const value of annotationList(entity, annotation)) {
        this.byValue.set(
          value,
          (this.byValue.get(value) ?? new Set()).add(ref),
        );
      }
    }
  }

  /** The annotation an entity needs to be bound under these options. */
  get annotation(): string {
    return this.options.hiddenField
      ? SURVEY_KEY_ANNOTATION
      : this.options.surveyAnnotation;
  }

  /**
   * The survey ids that bound entities name (one survey per product), sorted; empty when binding by hidden field,
   * where the config must list the surveys.
   */
  surveyIds(): string[] {
    return this.options.hiddenField ? [] : [...this.byValue.keys()].sort();
  }

  /** The surveys a source reads: those its config lists and {@link SurveyBindings.surveyIds}, each once, sorted. */
  surveysRead(listed: readonly string[]): string[] {
    return [...new Set([...listed, ...this.surveyIds()])].sort();
  }

  /** Whether an entity is bound under these options. */
  binds(entity: Entity): boolean {
    return annotationList(entity, this.annotation).length > 0;
  }

  /** The entity refs a response of `surveyId` with these hidden fields feeds, each once, sorted. */
  bind(
    surveyId: string,
    hidden: Readonly<Record<string, string>>,
  ): ResponseBinding {
    const { hiddenField } = this.options;
    let value = surveyId;
    if (hiddenField) {
      const hiddenValue = hidden[hiddenField]?.trim();
      if (!hiddenValue) {
        return {
          entityRefs: [],
          reason: 'no-binding-value',
          detail: `hidden field ${hiddenField} is empty or absent`,
        };
      }
      value = hiddenValue;
    }
    const refs = this.byValue.get(value);
    if (!refs || refs.size === 0) {
      return {
        entityRefs: [],
        reason: 'not-bound',
        detail: hiddenField
          ? `no entity has ${SURVEY_KEY_ANNOTATION} for this ${hiddenField} value`
          : `no entity has ${this.options.surveyAnnotation}: ${surveyId}`,
      };
    }
    return { entityRefs: [...refs].sort() };
  }
}

/**
 * How a source binds responses under a config: by its survey annotation (e.g. `typeform.com/form-id`), or, with
 * `hiddenField`, by that hidden field and `SURVEY_KEY_ANNOTATION` (common). See {@link SurveyBindings}.
 */
export function surveyBindingsFor(
  surveyAnnotation: string,
): (config: { hiddenField?: string }, entities: Entity[]) => SurveyBindings {
  return (config, entities) =>
    new SurveyBindings(entities, {
      surveyAnnotation,
      hiddenField: config.hiddenField,
    });
}
