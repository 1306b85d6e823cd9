// `GET /health`: liveness, answered without credentials (the plugin opens the path with an auth policy).
import { z } from 'zod';
import { defineRoute } from './defineRoute';

export const healthRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/health',
      summary: 'Liveness; no credentials needed',
      access: 'public',
      response: z.object({ status: z.literal('ok') }),
    },
    async () => ({ status: 'ok' as const }),
  ),
];
