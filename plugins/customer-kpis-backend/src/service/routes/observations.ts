// `POST /observations`: ingest a batch of observations and retractions, all or nothing.
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
        'Ingest a batch of observations and retractions of earlier ones (all or nothing); needs customer-kpis.observation.create or a service token',
      access: {
        permission: customerKpisObservationCreatePermission,
        servicesExempt: true,
      },
      body: ingestRequestSchema,
      response: ingestResponseSchema,
      errorBodies: { 400: z.union([errorResponseSchema, itemErrorsSchema]) },
      // Counted before the batch is parsed, so that a huge batch is refused as too large, not item by item.
      beforeInput: req => {
        const length = (items: unknown) =>
          Array.isArray(items) ? items.length : 0;
        const observations = length(req.body?.observations);
        const retractions = length(req.body?.retractions);
        if (observations + retractions > MAX_INGEST_BATCH) {
          throw new PayloadTooLargeError(
            `A batch holds at most ${MAX_INGEST_BATCH} observations and retractions together, this one has ${observations} + ${retractions}; nothing was stored`,
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
      // The schema refused an id both observed and retracted, so the store's own check of that never fires here.
      return await deps.store.ingest(body.source, observations, {
        retractions: body.retractions,
      });
    },
  ),
];
