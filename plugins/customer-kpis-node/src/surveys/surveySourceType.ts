// What every survey source type (Typeform, SurveyMonkey, Qualtrics) has in common beyond its config: the KPIs, the
// binding by survey annotation or survey key, and the API token checked against the API's base before any request.
import { SURVEY_KEY_ANNOTATION } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { CustomerKpisSourceType, SourcePullContext } from '../sourceType';
import { isBoundToSurvey } from './bindings';
import { SURVEY_KPIS } from './config';

/** A survey source type without what {@link surveySourceType} adds; `annotation` is the tool's survey annotation. */
export type SurveySourceDefinition<TConfig> = Omit<
  CustomerKpisSourceType<TConfig>,
  'kpis' | 'bindingAnnotations' | 'isAvailable'
>;

/**
 * A survey source type: it feeds NPS, CSAT and CES, and binds an entity that names a survey in `annotation` or, for
 * one survey shared by many products, a `customer-kpis.io/survey-key`.
 */
export function surveySourceType<TConfig>(
  definition: SurveySourceDefinition<TConfig>,
): CustomerKpisSourceType<TConfig> {
  return {
    ...definition,
    kpis: SURVEY_KPIS,
    bindingAnnotations: [definition.annotation, SURVEY_KEY_ANNOTATION],
    isAvailable: entity => isBoundToSurvey(entity, definition.annotation),
  };
}

/**
 * The API token of a pull, by request URL: `config.credential`, checked first against `apiBase`, so that a
 * credential not allowed there fails the run (`<tool> source: …`) before any request.
 */
export function surveyApiToken(
  context: Pick<
    SourcePullContext<{ credential: string }>,
    'config' | 'credentials'
  >,
  apiBase: string,
  tool: string,
): (url: string) => string {
  const { config, credentials } = context;
  try {
    credentials.get(config.credential, apiBase);
  } catch (error) {
    throw new Error(`${tool} source: ${(error as Error).message}`);
  }
  return url => credentials.get(config.credential, url);
}
