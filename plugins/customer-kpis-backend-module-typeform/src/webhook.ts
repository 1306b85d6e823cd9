// Typeform webhooks: `Typeform-Signature: sha256=<base64 HMAC-SHA256 of the raw body>`, one `form_response` per
// delivery, mapped like a pulled response (same observation ids, so a delivery and a later pull store it once).
import {
  SourceWebhook,
  SourceWebhookRequest,
  WebhookVerification,
  mapSurveyResponses,
  parseWebhookJson,
  verifySignedDelivery,
  webhookCredentialFields,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { TypeformConfig, typeformBindings } from './config';
import { TypeformResponse, normaliseResponse } from './typeformApi';

/** The body of a Typeform webhook delivery (the parts read). */
interface TypeformDelivery {
  event_id?: string;
  event_type?: string;
  form_response?: TypeformResponse & { form_id?: string };
}

/** Verifies `Typeform-Signature` and refuses a response submitted longer ago than `webhookMaxAgeHours`. */
function verify({
  config,
  secret,
  ...request
}: SourceWebhookRequest<TypeformConfig>): WebhookVerification {
  return verifySignedDelivery<TypeformDelivery>(request, {
    header: 'Typeform-Signature',
    configured: Boolean(config.webhookCredential),
    unconfigured:
      'the source has no webhookCredential to verify signatures with',
    key: () => secret(config.webhookCredential!),
    hmac: { algorithm: 'sha256', encoding: 'base64', prefix: 'sha256=' },
    describe: delivery => ({
      at: Date.parse(delivery.form_response?.submitted_at ?? ''),
      id: delivery.event_id,
    }),
    event: 'the response was submitted',
    maxAgeHours: config.webhookMaxAgeHours,
  });
}

/** Signed webhooks of the `typeform` source type. */
export const typeformWebhook: SourceWebhook<TypeformConfig> = {
  maxBodyBytes: 512 * 1024,
  credentialFields: webhookCredentialFields,
  verify,
  observations({ config, body, entities, now, logger }) {
    const delivery = parseWebhookJson<TypeformDelivery>(body);
    if (delivery.event_type !== 'form_response') {
      throw new Error(
        `event_type must be form_response (got ${String(delivery.event_type)})`,
      );
    }
    const response = delivery.form_response;
    if (!response?.form_id || !response.token || !response.submitted_at) {
      throw new Error(
        'form_response must have form_id, token and submitted_at',
      );
    }
    const bindings = typeformBindings(config, entities);
    if (!bindings.surveysRead(config.forms).includes(response.form_id)) {
      logger.info(
        `Typeform webhook: form ${response.form_id} is not read by this source`,
      );
      return { observations: [], skipped: 1 };
    }
    const mapped = mapSurveyResponses(
      [normaliseResponse(response.form_id, response)],
      config.questions,
      bindings,
      { now: now() },
    );
    return {
      observations: mapped.observations,
      skipped: mapped.skipped.length,
    };
  },
};
