// The pull of a `surveymonkey` source: per survey, its details (choice ids → scores), then its completed responses by
// last modification, oldest first, from where the last stored page left off.
import {
  JsonValue,
  SecondPosition,
  SourcePage,
  SourcePullContext,
  firstSecondPosition,
  nextSecondPosition,
  readSecondPosition,
  readSurveyCursor,
  summariseSkipped,
  surveyApiToken,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { SurveyMonkeyConfig, surveyMonkeyApiBase } from './config';
import { mapBatch, surveyMonkeyBindings } from './mapping';
import { SurveyChoices, surveyChoices } from './normalise';
import {
  SmResponseList,
  SurveyMonkeyClient,
  parseSmDate,
} from './surveyMonkeyApi';

/**
 * Where the next pull of each survey starts: a {@link SecondPosition} of the responses' modification dates.
 * SurveyMonkey's dates are to the second, so the next request asks from the second before (whether
 * `start_modified_at` is inclusive or not) and leaves out what was read already.
 */
type SurveyMonkeyCursor = {
  version: 1;
  surveys: Record<string, SecondPosition>;
};

function readCursor(cursor: JsonValue | undefined): SurveyMonkeyCursor {
  return {
    version: 1,
    surveys: readSurveyCursor(cursor, 'surveys', readSecondPosition),
  };
}

const modifiedSecond = (date: string) => Math.floor(parseSmDate(date) / 1000);

/**
 * Reads every survey of the config, page by page. Each request asks for the responses modified since the cursor
 * (keyset paging: a response edited during the run moves behind the cursor and is read again later, never skipped,
 * which following `page=2, 3, …` of one query could do when the set shifts under it). `links.next` is followed only
 * while a page brings nothing new (more than a page of responses modified in one second).
 */
export async function* pullSurveyMonkey(
  context: SourcePullContext<SurveyMonkeyConfig>,
): AsyncIterable<SourcePage> {
  const { config, logger } = context;
  const client = new SurveyMonkeyClient(
    config,
    surveyApiToken(context, surveyMonkeyApiBase(config), 'SurveyMonkey'),
    logger,
    context.redactor,
    context.signal,
  );
  const bindings = surveyMonkeyBindings(config, context.entities);
  const cursor = readCursor(context.cursor);
  const first = firstSecondPosition(context.now(), config.initialLookbackDays);

  for (const surveyId of bindings.surveysRead(config.surveys)) {
    let position = cursor.surveys[surveyId] ?? first;
    let choices: SurveyChoices | undefined;
    let list: SmResponseList = await client.responses(
      surveyId,
      position.since - 1,
    );
    for (;;) {
      const seen = new Set(position.seen);
      const since = position.since;
      const fresh = list.data.filter(response => {
        const second = modifiedSecond(response.date_modified);
        return second > since || (second === since && !seen.has(response.id));
      });
      if (fresh.length > 0 && !choices) {
        try {
          choices = surveyChoices(await client.surveyDetails(surveyId));
        } catch (error) {
          throw new Error(
            `SurveyMonkey source: survey ${surveyId}: ${
              (error as Error).message
            }`,
          );
        }
      }
      const mapped = choices
        ? mapBatch(config, bindings, surveyId, fresh, choices, context.now())
        : { observations: [], retractions: [], skipped: [] };
      if (mapped.skipped.length > 0) {
        logger.info(
          `SurveyMonkey source: survey ${surveyId}: left out ${summariseSkipped(
            mapped.skipped,
          )}`,
        );
      }
      position = nextSecondPosition(
        position,
        fresh.map(r => ({ id: r.id, second: modifiedSecond(r.date_modified) })),
      );
      cursor.surveys[surveyId] = position;
      yield {
        observations: mapped.observations,
        retractions: mapped.retractions,
        cursor: structuredClone(cursor),
      };
      const next = list.links?.next;
      if (!next || list.data.length === 0) break;
      list =
        fresh.length === 0
          ? await client.next(next)
          : await client.responses(surveyId, position.since - 1);
    }
  }
}
