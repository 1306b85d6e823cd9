// `GET /credentials`: the configured credentials by name with the URLs each may be sent to; never a secret.
import { credentialSummarySchema } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { z } from 'zod';
import { defineRoute } from './defineRoute';
import { adminRoute } from './sources';

export const credentialRoutes = [
  defineRoute(
    {
      ...adminRoute,
      method: 'get',
      path: '/credentials',
      summary:
        'The configured credentials: names and allowed URLs (never the secrets)',
      response: z.object({ items: z.array(credentialSummarySchema) }),
    },
    async ({ deps }) => ({
      items: Object.entries(deps.sources.credentials).map(
        ([name, { allowedUrls }]) => ({ name, allowedUrls: [...allowedUrls] }),
      ),
    }),
  ),
];
