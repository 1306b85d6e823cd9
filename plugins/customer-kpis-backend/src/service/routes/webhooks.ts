// `POST /webhooks/{sourceId}`: signed deliveries from survey tools, open to callers without a Backstage token (the
// signature over the raw body is the authentication), verified and mapped by the source's type.
import { sourceDefinitionSchema } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { z } from 'zod';
import { WebhookReceiver } from '../../sources/WebhookReceiver';
import { defineRoute } from './defineRoute';

export const webhookRoutes = [
  defineRoute(
    {
      method: 'post',
      path: '/webhooks/:sourceId',
      summary:
        'Receive a signed webhook delivery for a data source whose type takes webhooks (Typeform, SurveyMonkey); the type verifies the signature over the raw body (401 when missing, invalid or stale; nothing stored). A delivery received twice is stored once.',
      access: 'public',
      params: z.object({ sourceId: sourceDefinitionSchema.shape.id }),
      rawBody: {
        // JSON under a vendor type too (SurveyMonkey may send application/vnd.surveymonkey.response.v1+json).
        mediaType: ['application/json', 'application/*+json'],
        limit: '1mb',
        description:
          'The delivery exactly as the tool sent it (its signature covers these bytes)',
      },
      response: z.object({
        inserted: z.number().int(),
        unchanged: z.number().int(),
        replaced: z.number().int(),
        retracted: z.number().int(),
        skipped: z.number().int(),
      }),
      errors: [401, 404],
    },
    async ({ params, req, deps }) => {
      const receiver = new WebhookReceiver({
        registry: deps.sources.registry,
        runner: deps.sources.runner,
        sources: deps.sources.store,
        sourceTypes: deps.sources.sourceTypes,
        credentials: deps.sources.credentials,
        redactor: deps.sources.redactor,
        store: deps.store,
        logger: deps.logger,
        now: deps.now,
      });
      const { runId: _runId, ...counts } = await receiver.receive(
        params.sourceId,
        req.body as Buffer,
        req.headers,
      );
      return counts;
    },
  ),
];
