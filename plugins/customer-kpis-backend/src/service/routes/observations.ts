// `POST /observations`: ingest a batch of observations, all or nothing.
import {
  MAX_INGEST_BATCH,
  customerKpisObservationCreatePermission,
  ingestItemErrorSchema,
  ingestRequestSchema,
  ingestResponseSchema,
  parseObservationBatch,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { z } from 'zod';
import { PayloadTooLargeError } from '../parseInput';
import { ErrorAnswer, defineRoute, errorResponseSchema } from './defineRoute';

/** A batch refused for its items: each bad item with its field and reason. */
const itemErrorsSchema = z.object({
  error: z.object({ name: z.literal('InputError'), message: z.string() }),
  items: z.array(ingestItemErrorSchema),
});

export const observationRoutes = [
  defineRoute(
    {
      method: 'post',
      path: '/observations',
      summary:
        'Ingest a batch of observations (all or nothing); needs customer-kpis.observation.create or a service token',
      access: {
        permission: customerKpisObservationCreatePermission,
        servicesExempt: true,
      },
      body: ingestRequestSchema,
      response: ingestResponseSchema,
      errorBodies: { 400: z.union([errorResponseSchema, itemErrorsSchema]) },
      // Counted before the batch is parsed, so that a huge batch is refused as too large, not item by item.
      beforeInput: req => {
        const items = req.body?.observations;
        if (Array.isArray(items) && items.length > MAX_INGEST_BATCH) {
          throw new PayloadTooLargeError(
            `A batch holds at most ${MAX_INGEST_BATCH} observations, this one has ${items.length}; nothing was stored`,
          );
        }
      },
    },
    async ({ body, deps }) => {
      // One instant for the whole batch: the range of event times must not move while it is read.
      const { valid: observations, issues: errors } = parseObservationBatch(
        body.observations,
        { now: deps.now() },
      );
      if (errors.length > 0) {
        const bad = new Set(errors.map(e => e.index)).size;
        return new ErrorAnswer(400, {
          error: {
            name: 'InputError' as const,
            message: `${bad} of ${body.observations.length} observations are invalid (first: item ${errors[0].index}, ${errors[0].path}: ${errors[0].message}); nothing was stored`,
          },
          items: errors,
        });
      }
      return await deps.store.ingest(body.source, observations);
    },
  ),
];
