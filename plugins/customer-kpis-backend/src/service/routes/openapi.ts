// `GET /openapi.json`: the OpenAPI document of every route the router serves, built from the route table.
import { z } from 'zod';
import { openApiDocument } from '../openapi';
import { defineRoute } from './defineRoute';

export const openApiRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/openapi.json',
      summary: 'This document',
      access: 'authenticated',
      response: z.record(z.string(), z.unknown()),
    },
    async ({ routes }) => openApiDocument(routes),
  ),
];
