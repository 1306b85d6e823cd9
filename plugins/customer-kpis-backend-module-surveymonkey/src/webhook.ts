// SurveyMonkey webhooks: `Sm-Signature` is the base64 HMAC-SHA1 of the raw body with the key
// `<client id>&<client secret>`, `Sm-Apikey` the app's client id. A delivery names a response and its survey, not the
// answers: the type fetches the response's details with the API credential and maps it like a pulled one (same
// observation ids, so a delivery and a later pull store it once); `response_deleted` retracts its answers.
import {
  HttpResponseError,
  SourceWebhook,
  SourceWebhookContext,
  SourceWebhookRequest,
  WebhookObservations,
  WebhookVerification,
  parseWebhookJson,
  summariseSkipped,
  verifySignedDelivery,
  webhookCredentialFields,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { SurveyMonkeyConfig } from './config';
import { deletedResponseIds, mapBatch, surveyMonkeyBindings } from './mapping';
import { SurveyChoices, surveyChoices } from './normalise';
import { SurveyMonkeyClient, parseSmDate } from './surveyMonkeyApi';

/** The body of a SurveyMonkey webhook delivery (the parts read). */
interface SurveyMonkeyDelivery {
  name?: string;
  filter_type?: string;
  filter_id?: string;
  event_type?: string;
  event_id?: string;
  object_type?: string;
  object_id?: string;
  event_datetime?: string;
  resources?: { survey_id?: string; collector_id?: string };
}

/** Events that change what a response contributes; others (collector and survey events) are acknowledged and ignored. */
const RESPONSE_EVENTS = new Set([
  'response_completed',
  'response_updated',
  'response_disqualified',
  'response_overquota',
  'response_deleted',
  'response_created',
]);

/** Verifies `Sm-Signature` (and `Sm-Apikey` when sent) and refuses an event older than `webhookMaxAgeHours`. */
function verify({
  config,
  secret,
  ...request
}: SourceWebhookRequest<SurveyMonkeyConfig>): WebhookVerification {
  return verifySignedDelivery<SurveyMonkeyDelivery>(request, {
    header: 'Sm-Signature',
    configured: Boolean(config.webhookCredential && config.webhookClientId),
    unconfigured:
      'the source has no webhookClientId and webhookCredential to verify signatures with',
    refuse: () => {
      const apiKey = request.headers['sm-apikey']?.trim();
      return apiKey !== undefined && apiKey !== config.webhookClientId
        ? "Sm-Apikey is not this source's webhookClientId"
        : undefined;
    },
    // SurveyMonkey signs with '<client id>&<client secret>'.
    key: () => `${config.webhookClientId}&${secret(config.webhookCredential!)}`,
    hmac: { algorithm: 'sha1', encoding: 'base64' },
    describe: delivery => ({
      at: parseSmDate(delivery.event_datetime),
      id: delivery.event_id,
    }),
    event: 'the event happened',
    maxAgeHours: config.webhookMaxAgeHours,
  });
}

/**
 * Survey details fetched for deliveries, kept for a few minutes: each delivery would otherwise cost two requests
 * of the app's daily budget (500 for private apps) instead of one.
 */
class SurveyChoicesCache {
  private readonly entries = new Map<
    string,
    { at: number; choices: SurveyChoices }
  >();
  constructor(private readonly ttlMs: number, private readonly max: number) {}

  async get(
    key: string,
    load: () => Promise<SurveyChoices>,
  ): Promise<SurveyChoices> {
    const hit = this.entries.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.choices;
    const choices = await load();
    this.entries.delete(key);
    this.entries.set(key, { at: Date.now(), choices });
    while (this.entries.size > this.max) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    return choices;
  }
}

const choicesCache = new SurveyChoicesCache(10 * 60_000, 200);

async function observations(
  context: SourceWebhookContext<SurveyMonkeyConfig>,
): Promise<WebhookObservations> {
  const { config, body, entities, logger, credentials } = context;
  const delivery = parseWebhookJson<SurveyMonkeyDelivery>(body);
  const event = delivery.event_type ?? '';
  if (!RESPONSE_EVENTS.has(event) || delivery.object_type !== 'response') {
    logger.info(`SurveyMonkey webhook: event ${event || '(none)'} is not read`);
    return { observations: [], skipped: 1 };
  }
  const responseId = delivery.object_id;
  const surveyId =
    delivery.resources?.survey_id ??
    (delivery.filter_type === 'survey' ? delivery.filter_id : undefined);
  if (!responseId || !surveyId) {
    throw new Error(
      'a response event must have object_id and resources.survey_id',
    );
  }
  const bindings = surveyMonkeyBindings(config, entities);
  if (!bindings.surveysRead(config.surveys).includes(surveyId)) {
    logger.info(
      `SurveyMonkey webhook: survey ${surveyId} is not read by this source`,
    );
    return { observations: [], skipped: 1 };
  }
  const deleted = () => ({
    observations: [],
    retractions: deletedResponseIds(config, entities, surveyId, responseId),
  });
  if (event === 'response_deleted') return deleted();
  if (!credentials) {
    throw new Error(
      'the backend passed no credentials to fetch the response with',
    );
  }
  // One quick retry at most: SurveyMonkey waits for the answer, and the next pull reads what a delivery missed.
  const client = new SurveyMonkeyClient(
    config,
    url => credentials.get(config.credential, url),
    logger,
    context.redactor,
    undefined,
    { retries: 1, maxRetryAfterMs: 10_000 },
  );
  let response;
  try {
    response = await client.responseDetails(surveyId, responseId);
  } catch (error) {
    if (error instanceof HttpResponseError && error.status === 404)
      return deleted();
    throw error;
  }
  const choices = await choicesCache.get(
    JSON.stringify([config.baseUrl, config.credential, surveyId]),
    async () => surveyChoices(await client.surveyDetails(surveyId)),
  );
  const mapped = mapBatch(
    config,
    bindings,
    surveyId,
    [response],
    choices,
    context.now(),
  );
  if (mapped.skipped.length > 0) {
    logger.info(
      `SurveyMonkey webhook: response ${responseId}: left out ${summariseSkipped(
        mapped.skipped,
      )}`,
    );
  }
  return {
    observations: mapped.observations,
    retractions: mapped.retractions,
    skipped: mapped.skipped.length,
  };
}

/** Signed webhooks of the `surveymonkey` source type. */
export const surveyMonkeyWebhook: SourceWebhook<SurveyMonkeyConfig> = {
  maxBodyBytes: 64 * 1024,
  credentialFields: webhookCredentialFields,
  verify,
  observations,
};
