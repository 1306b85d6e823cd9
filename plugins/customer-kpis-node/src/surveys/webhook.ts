// The checks of a signed webhook delivery that the survey sources share: a signature header, a source configured to
// verify it, the HMAC of the raw body compared in constant time, and the delivery's age.
import { SourceWebhookRequest, WebhookVerification } from '../sourceType';
import { hmacSignature, signaturesEqual } from './webhookSignature';

/** The body of a delivery as a JSON object; throws (a 400 from `observations()`) when it is not one. */
export function parseWebhookJson<T extends object>(body: Buffer): T {
  const parsed = JSON.parse(body.toString('utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error('the body is not a JSON object');
  }
  return parsed as T;
}

/** `credentialFields` of a survey source's webhook: its `webhookCredential`, when set. */
export function webhookCredentialFields(config: {
  webhookCredential?: string;
}): Array<{ credential: string; credentialField: string }> {
  return config.webhookCredential
    ? [
        {
          credential: config.webhookCredential,
          credentialField: 'webhookCredential',
        },
      ]
    : [];
}

/** How a tool signs its deliveries, for {@link verifySignedDelivery}. */
export interface SignedDeliveryRules<TDelivery extends object> {
  /** The signature header as the tool names it, e.g. `Typeform-Signature` (read in lower case). */
  header: string;
  /** Whether the config names what the key is made of; if not, every delivery is refused with `unconfigured`. */
  configured: boolean;
  /** Why the source cannot verify, when it is not `configured`. */
  unconfigured: string;
  /** The HMAC key, from the config and its secret; read only for a delivery that gets as far as its signature. */
  key(): string;
  /** The HMAC, and what the tool writes before it (Typeform: `sha256=`). */
  hmac: {
    algorithm: 'sha256' | 'sha1';
    encoding: 'base64' | 'hex';
    prefix?: string;
  };
  /** A check before the signature's (SurveyMonkey: the app of `Sm-Apikey`): why the delivery is refused, or undefined. */
  refuse?(): string | undefined;
  /** When the delivery's event happened (epoch ms, NaN when it does not say) and the tool's id of the delivery. */
  describe(delivery: TDelivery): { at: number; id?: string };
  /** The event whose age counts, for the refusal of a stale delivery, e.g. `the response was submitted`. */
  event: string;
  /** A delivery older than this is refused as stale (a replay). */
  maxAgeHours: number;
}

/**
 * Verifies a delivery in the order that tells the tool's admin what is wrong: a signature at all, a source that can
 * verify it, {@link SignedDeliveryRules.refuse}, the signature, and the age. A signed body that is not JSON passes:
 * `observations()` then says why it cannot be read (400).
 */
export function verifySignedDelivery<TDelivery extends object>(
  request: Pick<SourceWebhookRequest<unknown>, 'body' | 'headers' | 'now'>,
  rules: SignedDeliveryRules<TDelivery>,
): WebhookVerification {
  const given = request.headers[rules.header.toLowerCase()]?.trim();
  if (!given) {
    return {
      ok: false,
      reason: 'missing',
      detail: `no ${rules.header} header`,
    };
  }
  if (!rules.configured) {
    return { ok: false, reason: 'invalid', detail: rules.unconfigured };
  }
  const refused = rules.refuse?.();
  if (refused) return { ok: false, reason: 'invalid', detail: refused };
  const expected = `${rules.hmac.prefix ?? ''}${hmacSignature(
    rules.key(),
    request.body,
    rules.hmac,
  )}`;
  if (!signaturesEqual(expected, given)) {
    return {
      ok: false,
      reason: 'invalid',
      detail: `${rules.header} does not match the body`,
    };
  }
  let parsed: TDelivery;
  try {
    parsed = parseWebhookJson<TDelivery>(request.body);
  } catch {
    // Signed but unreadable: observations() says why (400).
    return { ok: true };
  }
  const delivery = rules.describe(parsed);
  if (
    Number.isFinite(delivery.at) &&
    request.now().getTime() - delivery.at > rules.maxAgeHours * 3_600_000
  ) {
    return {
      ok: false,
      reason: 'stale',
      detail: `${rules.event} more than ${rules.maxAgeHours} h ago`,
    };
  }
  return { ok: true, ...(delivery.id ? { deliveryId: delivery.id } : {}) };
}
