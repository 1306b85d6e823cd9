// A data-source type with signed webhooks, for router tests: `X-Timestamp` (Unix seconds) and `X-Signature`, the hex
// HMAC-SHA256 of `<timestamp>.<raw body>` with the secret of `config.webhookCredential`; deliveries older than five
// minutes are stale. A delivery `{ id, answers: [{ entity, score, day }] }` gives NPS answers of bound entities.
import { createBackendModule } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  CustomerKpisSourceType,
  customerKpisSourcesExtensionPoint,
  hmacSignature,
  signaturesEqual,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { z } from 'zod';

const configSchema = z.object({ webhookCredential: z.string().optional() });

/** The headers of a delivery of `body` signed with `secret` at `timestamp` (Unix seconds). */
export function signedHeaders(
  body: string,
  secret: string,
  timestamp: number,
): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-timestamp': String(timestamp),
    'x-signature': hmacSignature(secret, `${timestamp}.${body}`, {
      algorithm: 'sha256',
      encoding: 'hex',
    }),
  };
}

/** The `signed` type: pulls nothing, receives NPS answers by webhook for entities with `test.io/signed`. */
export const signedSourceType: CustomerKpisSourceType<
  z.infer<typeof configSchema>
> = {
  id: 'signed',
  title: 'Signed webhooks',
  description: 'Receives signed NPS answers.',
  configSchema,
  kpis: ['recommend'],
  annotation: 'test.io/signed',
  isAvailable: entity =>
    Boolean(entity.metadata.annotations?.['test.io/signed']),
  async *pull() {},
  webhook: {
    maxBodyBytes: 64 * 1024,
    verify({ config, body, headers, secret, now }) {
      const signature = headers['x-signature'];
      const timestamp = Number(headers['x-timestamp']);
      if (!signature || !Number.isFinite(timestamp)) {
        return { ok: false, reason: 'missing', detail: 'no X-Signature' };
      }
      if (!config.webhookCredential) {
        return { ok: false, reason: 'invalid', detail: 'no webhook secret' };
      }
      const expected = hmacSignature(
        secret(config.webhookCredential),
        `${timestamp}.${body.toString('utf8')}`,
        { algorithm: 'sha256', encoding: 'hex' },
      );
      if (!signaturesEqual(expected, signature)) {
        return { ok: false, reason: 'invalid', detail: 'mismatch' };
      }
      if (now().getTime() / 1000 - timestamp > 300) {
        return { ok: false, reason: 'stale', detail: 'older than 5 min' };
      }
      return { ok: true };
    },
    observations({ body, entities }) {
      const delivery = JSON.parse(body.toString('utf8')) as {
        id: string;
        answers: { entity: string; score: number; day: string }[];
      };
      const bound = new Set(
        entities.map(e => stringifyEntityRef(e).toLowerCase()),
      );
      const answers = delivery.answers.filter(a => bound.has(a.entity));
      return {
        observations: answers.map((a, i) => ({
          id: `${delivery.id}/${i}`,
          kpi: 'recommend' as const,
          entityRef: a.entity,
          timestamp: `${a.day}T12:00:00.000Z`,
          score: a.score,
        })),
        skipped: delivery.answers.length - answers.length,
      };
    },
  },
};

/** A backend module that installs {@link signedSourceType}. */
export const signedSourceModule = createBackendModule({
  pluginId: 'customer-kpis',
  moduleId: 'signed-source',
  register(env) {
    env.registerInit({
      deps: { sources: customerKpisSourcesExtensionPoint },
      async init({ sources }) {
        sources.addSourceType(signedSourceType);
      },
    });
  },
});
