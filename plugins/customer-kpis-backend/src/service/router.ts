// The HTTP API of the customer-kpis backend.
import express from 'express';
import Router from 'express-promise-router';
import { CustomerKpisSourceType } from '@customer-kpis/backstage-plugin-customer-kpis-node';

export interface RouterOptions {
  sourceTypes: ReadonlyMap<string, CustomerKpisSourceType>;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const router = Router();
  router.use(express.json({ limit: '10mb' }));

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', sourceTypes: [...options.sourceTypes.keys()] });
  });

  return router;
}
