// The `typeform` source type: NPS, CSAT and customer effort from Typeform form responses, pulled from the Responses
// API and received by signed webhooks.
import { TYPEFORM_FORM_ANNOTATION } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import {
  JsonValue,
  SecondPosition,
  SourcePage,
  SourcePullContext,
  firstSecondPosition,
  mapSurveyResponses,
  nextSecondPosition,
  readSecondPosition,
  readSurveyCursor,
  summariseSkipped,
  surveyApiToken,
  surveySourceType,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import {
  TypeformConfig,
  typeformApiBase,
  typeformBindings,
  typeformConfigSchema,
  typeformCredentialTargets,
} from './config';
import {
  TypeformClient,
  TypeformResponse,
  normaliseResponse,
} from './typeformApi';
import { typeformWebhook } from './webhook';

/**
 * Where the next pull of each form starts: a {@link SecondPosition} of the responses' submission times. Typeform's
 * `since` is inclusive and to the second, so the next request asks from that second again and leaves out the
 * responses already read there.
 */
type TypeformCursor = { version: 1; forms: Record<string, SecondPosition> };

function readCursor(cursor: JsonValue | undefined): TypeformCursor {
  return {
    version: 1,
    forms: readSurveyCursor(cursor, 'forms', readSecondPosition),
  };
}

const unixSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** The responses of a page that were not read before: those of the cursor's second already seen are left out. */
function unread(
  received: TypeformResponse[],
  position: SecondPosition,
): TypeformResponse[] {
  const seen = new Set(position.seen);
  return received.filter(
    item =>
      !(
        unixSeconds(item.submitted_at) === position.since &&
        seen.has(item.token)
      ),
  );
}

async function* pullTypeform(
  context: SourcePullContext<TypeformConfig>,
): AsyncIterable<SourcePage> {
  const { config, logger } = context;
  const client = new TypeformClient(
    config,
    surveyApiToken(context, typeformApiBase(config), 'Typeform'),
    logger,
    context.redactor,
    context.signal,
  );
  const bindings = typeformBindings(config, context.entities);
  const cursor = readCursor(context.cursor);
  const first = firstSecondPosition(context.now(), config.initialLookbackDays);

  for (const formId of bindings.surveysRead(config.forms)) {
    let position = cursor.forms[formId] ?? first;
    for (;;) {
      const page = await client.responses(formId, position.since);
      const received = page.items;
      const items = unread(received, position);
      const mapped = mapSurveyResponses(
        items.map(item => normaliseResponse(formId, item)),
        config.questions,
        bindings,
        { now: context.now() },
      );
      if (mapped.skipped.length > 0) {
        logger.info(
          `Typeform source: form ${formId}: left out ${summariseSkipped(
            mapped.skipped,
          )}`,
        );
      }
      const full = received.length >= config.pageSize;
      position = nextSecondPosition(
        position,
        items.map(item => ({
          id: item.token,
          second: unixSeconds(item.submitted_at),
        })),
      );
      if (full && items.length === 0) {
        throw new Error(
          `Typeform source: form ${formId} has more than ${
            config.pageSize
          } responses submitted in the second ${new Date(
            position.since * 1000,
          ).toISOString()}; raise pageSize (up to 1000)`,
        );
      }
      cursor.forms[formId] = position;
      yield {
        observations: mapped.observations,
        cursor: structuredClone(cursor),
      };
      if (!full) break;
    }
  }
}

/**
 * The `typeform` source type. Entities are bound by `typeform.com/form-id` (one form per product), or, with
 * `hiddenField`, by `customer-kpis.io/survey-key` matched against that hidden field of each response (one form for
 * many products). `questions` maps field refs to NPS, CSAT and CES; observation ids are
 * `survey/<form id>/<response token>/<field ref>/<entity ref>`, so a response read again (a second run, the
 * overlap at the cursor, a webhook) is stored once, and a resubmitted response replaces its earlier answers.
 */
export const typeformSourceType = surveySourceType<TypeformConfig>({
  id: 'typeform',
  title: 'Typeform',
  description:
    'NPS, CSAT and customer effort from the responses of Typeform forms (field refs mapped to KPIs), bound by typeform.com/form-id or by a hidden field matched against customer-kpis.io/survey-key; pulled from the Responses API and received by signed webhooks.',
  configSchema: typeformConfigSchema,
  annotation: TYPEFORM_FORM_ANNOTATION,
  credentialTargets: typeformCredentialTargets,
  pull: pullTypeform,
  webhook: typeformWebhook,
});
