// Which catalog entities a SurveyMonkey response feeds, and the observations and retractions of a batch of responses: an edited response replaces its answers and retracts those it no longer has;
// a response that is not complete (or deleted) retracts all of its answers.
import { Entity } from '@backstage/catalog-model';
import {
  Observation,
  SURVEY_KEY_ANNOTATION,
  SURVEYMONKEY_SURVEY_ANNOTATION,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import {
  SkippedAnswer,
  SurveyBindings,
  annotationList,
  entityRefOf,
  mapSurveyResponses,
  surveyBindingsFor,
  surveyObservationIds,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { SurveyMonkeyConfig } from './config';
import { SurveyChoices, normaliseResponse } from './normalise';
import { SmResponse } from './surveyMonkeyApi';

/** How a config binds responses to the catalog; `surveysRead(config.surveys)` are the surveys it reads. */
export const surveyMonkeyBindings = surveyBindingsFor(
  SURVEYMONKEY_SURVEY_ANNOTATION,
);

/** What a batch of responses gives. */
export interface MappedBatch {
  observations: Observation[];
  retractions: string[];
  skipped: SkippedAnswer[];
}

/**
 * Observations of the completed responses, and retractions: of the mapped questions a completed response (read again
 * after an edit) no longer answers, and of every answer of a response that is not complete. Retracting an id that
 * was never stored is a no-op, so this is safe for responses read the first time.
 */
export function mapBatch(
  config: Pick<SurveyMonkeyConfig, 'questions'>,
  bindings: SurveyBindings,
  surveyId: string,
  responses: SmResponse[],
  choices: SurveyChoices,
  now: Date,
): MappedBatch {
  const normalised = responses.map(r =>
    normaliseResponse(surveyId, r, choices),
  );
  const completed = normalised.filter(
    (_, i) => (responses[i].response_status ?? 'completed') === 'completed',
  );
  const mapped = mapSurveyResponses(completed, config.questions, bindings, {
    now,
  });
  const observed = new Set(mapped.observations.map(o => o.id));
  const retractions: string[] = [];
  const skipped = [...mapped.skipped];
  normalised.forEach((response, i) => {
    const binding = bindings.bind(surveyId, response.hidden);
    if (binding.entityRefs.length === 0) return;
    const incomplete =
      (responses[i].response_status ?? 'completed') !== 'completed';
    if (incomplete) {
      skipped.push({
        responseId: response.responseId,
        reason: 'unanswered',
        detail: `response_status is ${responses[i].response_status}`,
      });
    }
    for (const id of surveyObservationIds(
      response,
      binding.entityRefs,
      config.questions,
    )) {
      if (!observed.has(id)) retractions.push(id);
    }
  });
  return { observations: mapped.observations, retractions, skipped };
}

/**
 * The ids a deleted response may have stored. The response is gone, so its custom variables are unknown: binding by
 * survey, they are those of the entities naming the survey; binding by hidden field, those of every entity with a
 * survey key (an id never stored is a no-op to retract).
 */
export function deletedResponseIds(
  config: Pick<SurveyMonkeyConfig, 'questions' | 'hiddenField'>,
  entities: Entity[],
  surveyId: string,
  responseId: string,
): string[] {
  const refs = config.hiddenField
    ? entities
        .filter(e => annotationList(e, SURVEY_KEY_ANNOTATION).length > 0)
        .map(entityRefOf)
    : surveyMonkeyBindings(config, entities).bind(surveyId, {}).entityRefs;
  return surveyObservationIds(
    { surveyId, responseId },
    [...new Set(refs)].sort(),
    config.questions,
  );
}
