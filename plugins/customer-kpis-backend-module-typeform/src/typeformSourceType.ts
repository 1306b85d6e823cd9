// The `typeform` source type: NPS, CSAT and customer effort from Typeform form responses, pulled from the Responses
// API and received by signed webhooks.
import { Entity } from '@backstage/catalog-model';
import {
  SURVEY_KEY_ANNOTATION,
  TYPEFORM_FORM_ANNOTATION,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import {
  CustomerKpisSourceType,
  JsonValue,
  SourcePage,
  SourcePullContext,
  annotationList,
  mapSurveyResponses,
  summariseSkipped,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import {
  TypeformConfig,
  typeformApiBase,
  typeformConfigSchema,
  typeformCredentialTargets,
} from './config';
import {
  TypeformClient,
  TypeformResponse,
  normaliseResponse,
} from './typeformApi';
import { typeformWebhook } from './webhook';
import { formsOf, typeformBindings } from './bindings';

/**
 * Where the next pull of each form starts: the second (Unix) of the newest submission read, and the tokens of the
 * responses read that were submitted in that second. Typeform's `since` is inclusive and to the second, so the next
 * request asks from that second again and leaves out the responses already read there.
 */
type FormCursor = { since: number; seen: string[] };
type TypeformCursor = { version: 1; forms: Record<string, FormCursor> };

function readCursor(cursor: JsonValue | undefined): TypeformCursor {
  const forms: TypeformCursor['forms'] = {};
  const stored =
    typeof cursor === 'object' && cursor !== null && !Array.isArray(cursor)
      ? cursor.forms
      : undefined;
  if (typeof stored === 'object' && stored !== null && !Array.isArray(stored)) {
    for (const [formId, value] of Object.entries(stored)) {
      const { since, seen } = (value ?? {}) as {
        since?: unknown;
        seen?: unknown;
      };
      if (typeof since === 'number') {
        forms[formId] = {
          since,
          seen: Array.isArray(seen)
            ? seen.filter((t): t is string => typeof t === 'string')
            : [],
        };
      }
    }
  }
  return { version: 1, forms };
}

function isBoundToTypeform(entity: Entity): boolean {
  return (
    annotationList(entity, TYPEFORM_FORM_ANNOTATION).length > 0 ||
    annotationList(entity, SURVEY_KEY_ANNOTATION).length > 0
  );
}

const unixSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** The responses of a page that were not read before: those of the cursor's second already seen are left out. */
function unread(
  received: TypeformResponse[],
  position: FormCursor,
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
  const { config, logger, credentials } = context;
  try {
    credentials.get(config.credential, typeformApiBase(config));
  } catch (error) {
    throw new Error(`Typeform source: ${(error as Error).message}`);
  }
  const client = new TypeformClient(
    config,
    url => credentials.get(config.credential, url),
    logger,
    context.redactor,
    context.signal,
  );
  const bindings = typeformBindings(config, context.entities);
  const cursor = readCursor(context.cursor);
  const initialSince =
    Math.floor(context.now().getTime() / 1000) -
    config.initialLookbackDays * 86_400;

  for (const formId of formsOf(config, bindings)) {
    let position: FormCursor = cursor.forms[formId] ?? {
      since: initialSince,
      seen: [],
    };
    for (;;) {
      const page = await client.responses(formId, position.since);
      const received = page.items ?? [];
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
      const newest = Math.max(
        position.since,
        ...items
          .map(item => unixSeconds(item.submitted_at))
          .filter(Number.isFinite),
      );
      const atNewest = items
        .filter(item => unixSeconds(item.submitted_at) === newest)
        .map(item => item.token);
      position =
        newest === position.since
          ? { since: newest, seen: [...position.seen, ...atNewest] }
          : { since: newest, seen: atNewest };
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
export const typeformSourceType: CustomerKpisSourceType<TypeformConfig> = {
  id: 'typeform',
  title: 'Typeform',
  description:
    'NPS, CSAT and customer effort from the responses of Typeform forms (field refs mapped to KPIs), bound by typeform.com/form-id or by a hidden field matched against customer-kpis.io/survey-key; pulled from the Responses API and received by signed webhooks.',
  configSchema: typeformConfigSchema,
  kpis: ['recommend', 'satisfaction', 'customer-effort'],
  annotation: TYPEFORM_FORM_ANNOTATION,
  bindingAnnotations: [TYPEFORM_FORM_ANNOTATION, SURVEY_KEY_ANNOTATION],
  credentialTargets: typeformCredentialTargets,
  isAvailable: isBoundToTypeform,
  pull: pullTypeform,
  webhook: typeformWebhook,
};
