// Which catalog entities a Typeform response feeds, and which forms a source reads.
import { Entity } from '@backstage/catalog-model';
import { TYPEFORM_FORM_ANNOTATION } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { SurveyBindings } from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { TypeformConfig } from './config';

/** How a config binds responses to the catalog. */
export function typeformBindings(
  config: Pick<TypeformConfig, 'hiddenField'>,
  entities: Entity[],
): SurveyBindings {
  return new SurveyBindings(entities, {
    surveyAnnotation: TYPEFORM_FORM_ANNOTATION,
    hiddenField: config.hiddenField,
  });
}

/** The forms a config reads: those it lists and, binding by form, those the bound entities name. */
export function formsOf(
  config: TypeformConfig,
  bindings: SurveyBindings,
): string[] {
  return [...new Set([...config.forms, ...bindings.surveyIds()])].sort();
}
