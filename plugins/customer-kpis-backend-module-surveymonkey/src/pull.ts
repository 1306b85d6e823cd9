// The pull of a `surveymonkey` source: per survey, its details (choice ids → scores), then its completed responses by
// last modification, oldest first, from where the last stored page left off.
import {
  JsonValue,
  SourcePage,
  SourcePullContext,
  summariseSkipped,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { SurveyMonkeyConfig, surveyMonkeyApiBase } from './config';
import { mapBatch, surveyMonkeyBindings, surveysOf } from './mapping';
import { SurveyChoices, surveyChoices } from './normalise';
import {
  SmResponseList,
  SurveyMonkeyClient,
  parseSmDate,
} from './surveyMonkeyApi';

/**
 * Where the next pull of a survey starts: the second (Unix) of the newest modification read, and the ids of the
 * responses read that were modified in that second. SurveyMonkey's dates are to the second, so the next request asks
 * from the second before (whether `start_modified_at` is inclusive or not) and leaves out what was read already.
 */
type SurveyCursor = { since: number; seen: string[] };
type SurveyMonkeyCursor = { version: 1; surveys: Record<string, SurveyCursor> };

function readCursor(cursor: JsonValue | undefined): SurveyMonkeyCursor {
  const surveys: SurveyMonkeyCursor['surveys'] = {};
  const stored =
    typeof cursor === 'object' && cursor !== null && !Array.isArray(cursor)
      ? cursor.surveys
      : undefined;
  if (typeof stored === 'object' && stored !== null && !Array.isArray(stored)) {
    for (const [surveyId, value] of Object.entries(stored)) {
      const { since, seen } = (value ?? {}) as {
        since?: unknown;
        seen?: unknown;
      };
      if (typeof since === 'number' && Number.isFinite(since)) {
        surveys[surveyId] = {
          since,
          seen: Array.isArray(seen)
            ? seen.filter((id): id is string => typeof id === 'string')
            : [],
        };
      }
    }
  }
  return { version: 1, surveys };
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
  const { config, logger, credentials } = context;
  try {
    credentials.get(config.credential, surveyMonkeyApiBase(config));
  } catch (error) {
    throw new Error(`SurveyMonkey source: ${(error as Error).message}`);
  }
  const client = new SurveyMonkeyClient(
    config,
    url => credentials.get(config.credential, url),
    logger,
    context.redactor,
    context.signal,
  );
  const bindings = surveyMonkeyBindings(config, context.entities);
  const cursor = readCursor(context.cursor);
  const initialSince =
    Math.floor(context.now().getTime() / 1000) -
    config.initialLookbackDays * 86_400;

  for (const surveyId of surveysOf(config, bindings)) {
    let position: SurveyCursor = cursor.surveys[surveyId] ?? {
      since: initialSince,
      seen: [],
    };
    let choices: SurveyChoices | undefined;
    let list: SmResponseList = await client.responses(
      surveyId,
      position.since - 1,
    );
    for (;;) {
      const seen = new Set(position.seen);
      const since = position.since;
      const fresh = (list.data ?? []).filter(response => {
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
      const newest = Math.max(
        since,
        ...fresh
          .map(r => modifiedSecond(r.date_modified))
          .filter(Number.isFinite),
      );
      const atNewest = fresh
        .filter(r => modifiedSecond(r.date_modified) === newest)
        .map(r => r.id);
      position =
        newest === since
          ? { since, seen: [...position.seen, ...atNewest] }
          : { since: newest, seen: atNewest };
      cursor.surveys[surveyId] = position;
      yield {
        observations: mapped.observations,
        retractions: mapped.retractions,
        cursor: structuredClone(cursor),
      };
      const next = list.links?.next;
      if (!next || (list.data ?? []).length === 0) break;
      list =
        fresh.length === 0
          ? await client.next(next)
          : await client.responses(surveyId, position.since - 1);
    }
  }
}
