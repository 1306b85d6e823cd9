// The `qualtrics` source type: NPS, CSAT and customer effort from Qualtrics survey responses, read with the
// asynchronous Response Export API, incremental on the recorded date, with a re-read window that corrects edited
// responses and retracts deleted ones.
import { QUALTRICS_SURVEY_ANNOTATION } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import {
  JsonValue,
  SourcePage,
  SourcePullContext,
  SurveyBindings,
  mapSurveyResponses,
  questionsOfSurvey,
  readSurveyCursor,
  summariseSkipped,
  surveyApiToken,
  surveyBindingsFor,
  surveyObservationIds,
  surveySourceType,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import {
  QualtricsConfig,
  qualtricsApiBase,
  qualtricsConfigSchema,
  qualtricsCredentialTargets,
} from './config';
import {
  QualtricsClient,
  QualtricsExportedResponse,
  exportedQuestionIds,
  isFinished,
  normaliseResponse,
  recordedAt,
} from './qualtricsApi';

/** Responses per stored page: a large export is stored in several transactions, each with its own cursor. */
const RESPONSES_PER_PAGE = 2000;

/** A response recorded within the re-read window: its id, recorded date and (binding by embedded data) its key. */
type RecentResponse = [id: string, recordedDate: string, key?: string];

/**
 * Where the next export of a survey starts. `since`: the recorded date of the newest response read (the export's
 * `startDate` is inclusive, so a response recorded in that same second is read again, which the ids make a no-op).
 * `recent`: the responses recorded within `reconcileDays`, so that the next run can tell which of them were deleted.
 */
type SurveyCursor = { since: string; recent: RecentResponse[] };
type QualtricsCursor = { version: 1; surveys: Record<string, SurveyCursor> };

function readPosition({
  since,
  recent,
}: Record<string, unknown>): SurveyCursor | undefined {
  if (typeof since !== 'string' || !Number.isFinite(Date.parse(since))) {
    return undefined;
  }
  return {
    since,
    recent: Array.isArray(recent)
      ? (recent.filter(
          entry =>
            Array.isArray(entry) &&
            entry.every(part => typeof part === 'string') &&
            entry.length >= 2,
        ) as RecentResponse[])
      : [],
  };
}

function readCursor(cursor: JsonValue | undefined): QualtricsCursor {
  return {
    version: 1,
    surveys: readSurveyCursor(cursor, 'surveys', readPosition),
  };
}

/** ISO 8601 to the second, as the export API takes dates. */
const isoSeconds = (ms: number) =>
  new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** How a config binds responses to the catalog. */
const qualtricsBindings = surveyBindingsFor(QUALTRICS_SURVEY_ANNOTATION);

/** The entity refs of a response with binding key `key` (the embedded data value), or none. */
function refsOf(
  bindings: SurveyBindings,
  config: QualtricsConfig,
  surveyId: string,
  key: string | undefined,
): string[] {
  const hidden: Record<string, string> =
    config.hiddenField && key !== undefined
      ? { [config.hiddenField]: key }
      : {};
  return bindings.bind(surveyId, hidden).entityRefs;
}

async function* pullSurvey(
  context: SourcePullContext<QualtricsConfig>,
  client: QualtricsClient,
  bindings: SurveyBindings,
  surveyId: string,
  cursor: QualtricsCursor,
): AsyncIterable<SourcePage> {
  const { config, logger } = context;
  const now = context.now();
  const endMs = Math.floor(now.getTime() / 1000) * 1000;
  const windowStart =
    config.reconcileDays > 0
      ? endMs - config.reconcileDays * 86_400_000
      : Infinity;
  const position: SurveyCursor = cursor.surveys[surveyId] ?? {
    since: isoSeconds(endMs - config.initialLookbackDays * 86_400_000),
    recent: [],
  };
  const sinceMs = Date.parse(position.since);
  const startMs = Math.min(sinceMs, windowStart);
  const questions = questionsOfSurvey(config.questions, surveyId);

  const exported = await client.exportResponses(surveyId, {
    startDate: isoSeconds(startMs),
    endDate: isoSeconds(endMs),
    questionIds: exportedQuestionIds(questions),
    embeddedDataIds: config.hiddenField ? [config.hiddenField] : [],
  });
  const responses = exported
    .filter(r => typeof r?.responseId === 'string' && r.values)
    .filter(r => Number.isFinite(recordedAt(r)))
    .sort(
      (a, b) =>
        recordedAt(a) - recordedAt(b) ||
        a.responseId.localeCompare(b.responseId),
    );
  const keyOf = (r: QualtricsExportedResponse) =>
    normaliseResponse(surveyId, r, [], config.hiddenField).hidden[
      config.hiddenField ?? ''
    ];
  const previous = new Map(position.recent.map(entry => [entry[0], entry]));
  const unfinished = config.includePartialResponses
    ? 0
    : responses.filter(r => !isFinished(r)).length;

  let since = sinceMs;
  const retractions: string[] = [];
  const pages: Array<{
    observations: SourcePage['observations'];
    since: number;
  }> = [];
  for (let i = 0; i < Math.max(responses.length, 1); i += RESPONSES_PER_PAGE) {
    const chunk = responses.slice(i, i + RESPONSES_PER_PAGE);
    const normalised = chunk
      .filter(r => config.includePartialResponses || isFinished(r))
      .map(r => normaliseResponse(surveyId, r, questions, config.hiddenField));
    const mapped = mapSurveyResponses(normalised, questions, bindings, {
      now,
    });
    if (mapped.skipped.length > 0) {
      logger.info(
        `Qualtrics source: survey ${surveyId}: left out ${summariseSkipped(
          mapped.skipped,
        )}`,
      );
    }
    // An answer cleared by an edit in Qualtrics: the ids of a response read before that it no longer gives.
    const observed = new Set(mapped.observations.map(o => o.id));
    for (const response of normalised) {
      if (!previous.has(response.responseId)) continue;
      const refs = refsOf(
        bindings,
        config,
        surveyId,
        config.hiddenField ? response.hidden[config.hiddenField] : undefined,
      );
      for (const id of surveyObservationIds(response, refs, questions)) {
        if (!observed.has(id)) retractions.push(id);
      }
    }
    for (const response of chunk) since = Math.max(since, recordedAt(response));
    pages.push({ observations: mapped.observations, since });
  }

  // Deleted in Qualtrics: read before within the window just exported again, and not there any more.
  const exportedIds = new Set(responses.map(r => r.responseId));
  for (const [id, recorded, key] of previous.values()) {
    const at = Date.parse(recorded);
    if (at >= startMs && at < endMs && !exportedIds.has(id)) {
      retractions.push(
        ...surveyObservationIds(
          { responseId: id, surveyId },
          refsOf(bindings, config, surveyId, key),
          questions,
        ),
      );
    }
  }
  if (unfinished > 0) {
    logger.info(
      `Qualtrics source: survey ${surveyId}: left out ${unfinished} partial responses (includePartialResponses is off)`,
    );
  }

  const recent: RecentResponse[] = responses
    .filter(r => recordedAt(r) >= windowStart)
    .map((r): RecentResponse => {
      const key = keyOf(r);
      const recorded = new Date(recordedAt(r)).toISOString();
      return key === undefined
        ? [r.responseId, recorded]
        : [r.responseId, recorded, key];
    });

  // Each page moves `since` to its own newest response; the last one also carries the retractions and the window.
  for (let p = 0; p < pages.length; p++) {
    const last = p === pages.length - 1;
    cursor.surveys[surveyId] = {
      since: isoSeconds(pages[p].since),
      recent: last ? recent : position.recent,
    };
    yield {
      observations: pages[p].observations,
      cursor: structuredClone(cursor) as JsonValue,
      ...(last && retractions.length > 0
        ? { retractions: [...new Set(retractions)] }
        : {}),
    };
  }
}

async function* pullQualtrics(
  context: SourcePullContext<QualtricsConfig>,
): AsyncIterable<SourcePage> {
  const { config } = context;
  const client = new QualtricsClient(
    config,
    surveyApiToken(context, qualtricsApiBase(config), 'Qualtrics'),
    context.logger,
    context.redactor,
    context.signal,
  );
  const bindings = qualtricsBindings(config, context.entities);
  const cursor = readCursor(context.cursor);
  for (const surveyId of bindings.surveysRead(config.surveys)) {
    try {
      yield* pullSurvey(context, client, bindings, surveyId, cursor);
    } catch (error) {
      const message = (error as Error).message;
      throw new Error(
        message.startsWith('Qualtrics')
          ? message
          : `Qualtrics source: survey ${surveyId}: ${message}`,
      );
    }
  }
}

/**
 * The `qualtrics` source type. Entities are bound by `qualtrics.com/survey-id` (one survey per product), or, with
 * `hiddenField`, by `customer-kpis.io/survey-key` matched against that embedded data field of each response (one
 * survey for many products). `questions` maps question ids (`QID1`, a matrix row `QID4_2`) to NPS, CSAT and CES;
 * observation ids are `survey/<survey id>/<response id>/<question id>/<entity ref>`, so a response exported again
 * (the overlap at the cursor, the re-read window) is stored once, and an edited response replaces its answers.
 */
export const qualtricsSourceType = surveySourceType<QualtricsConfig>({
  id: 'qualtrics',
  title: 'Qualtrics',
  description:
    'NPS, CSAT and customer effort from the responses of Qualtrics surveys (question ids mapped to KPIs), bound by qualtrics.com/survey-id or by an embedded data field matched against customer-kpis.io/survey-key; read with response exports (pull only).',
  configSchema: qualtricsConfigSchema,
  annotation: QUALTRICS_SURVEY_ANNOTATION,
  credentialTargets: qualtricsCredentialTargets,
  pull: pullQualtrics,
});
