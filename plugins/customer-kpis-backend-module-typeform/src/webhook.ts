// Typeform webhooks: `Typeform-Signature: sha256=<base64 HMAC-SHA256 of the raw body>`, one `form_response` per
// delivery, mapped like a pulled response (same observation ids, so a delivery and a later pull store it once).
import {
  SourceWebhook,
  WebhookVerification,
  hmacSignature,
  mapSurveyResponses,
  signaturesEqual,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { TypeformConfig } from './config';
import { TypeformResponse, normaliseResponse } from './typeformApi';
import { formsOf, typeformBindings } from './bindings';

/** The body of a Typeform webhook delivery (the parts read). */
interface TypeformDelivery {
  event_id?: string;
  event_type?: string;
  form_response?: TypeformResponse & { form_id?: string };
}

function parseDelivery(body: Buffer): TypeformDelivery {
  const parsed = JSON.parse(body.toString('utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('the body is not a JSON object');
  }
  return parsed as TypeformDelivery;
}

/** Verifies `Typeform-Signature` and refuses a response submitted longer ago than `webhookMaxAgeHours`. */
function verify(request: {
  config: TypeformConfig;
  body: Buffer;
  headers: Readonly<Record<string, string | undefined>>;
  secret: (name: string) => string;
  now: () => Date;
}): WebhookVerification {
  const { config, body, headers } = request;
  const given = headers['typeform-signature'];
  if (!given) {
    return {
      ok: false,
      reason: 'missing',
      detail: 'no Typeform-Signature header',
    };
  }
  if (!config.webhookCredential) {
    return {
      ok: false,
      reason: 'invalid',
      detail: 'the source has no webhookCredential to verify signatures with',
    };
  }
  const expected = `sha256=${hmacSignature(
    request.secret(config.webhookCredential),
    body,
    {
      algorithm: 'sha256',
      encoding: 'base64',
    },
  )}`;
  if (!signaturesEqual(expected, given.trim())) {
    return {
      ok: false,
      reason: 'invalid',
      detail: 'Typeform-Signature does not match the body',
    };
  }
  let delivery: TypeformDelivery;
  try {
    delivery = parseDelivery(body);
  } catch {
    // Signed but unreadable: observations() says why (400).
    return { ok: true };
  }
  const submitted = Date.parse(delivery.form_response?.submitted_at ?? '');
  if (
    Number.isFinite(submitted) &&
    request.now().getTime() - submitted > config.webhookMaxAgeHours * 3_600_000
  ) {
    return {
      ok: false,
      reason: 'stale',
      detail: `the response was submitted more than ${config.webhookMaxAgeHours} h ago`,
    };
  }
  return {
    ok: true,
    ...(delivery.event_id ? { deliveryId: delivery.event_id } : {}),
  };
}

/** Signed webhooks of the `typeform` source type. */
export const typeformWebhook: SourceWebhook<TypeformConfig> = {
  maxBodyBytes: 512 * 1024,
  credentialFields: config =>
    config.webhookCredential
      ? [
          {
            credential: config.webhookCredential,
            credentialField: 'webhookCredential',
          },
        ]
      : [],
  verify,
  observations({ config, body, entities, now, logger }) {
    const delivery = parseDelivery(body);
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
    if (!formsOf(config, bindings).includes(response.form_id)) {
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
