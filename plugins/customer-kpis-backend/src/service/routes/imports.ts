// The CSV import: `POST /imports` (a text/csv body: dry run with preview and validation report, or an import of
// every row or none, recorded as a run of its source) and `GET /imports/templates/{kpi}.csv` (a template per KPI).
import { NotFoundError } from '@backstage/errors';
import {
  DEFAULT_IMPORT_SOURCE,
  MAX_IMPORT_MEGABYTES,
  MAX_IMPORT_ROWS,
  csvTemplateOf,
  customerKpisObservationCreatePermission,
  importQuerySchema,
  importRejectedSchema,
  importResponseSchema,
  isKpiId,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { importCsv, rejectionMessage } from '../../imports/importCsv';
import {
  ErrorAnswer,
  TextAnswer,
  defineRoute,
  errorResponseSchema,
} from './defineRoute';

const ROWS = MAX_IMPORT_ROWS.toLocaleString('en-US');

export const importRoutes = [
  defineRoute(
    {
      method: 'post',
      path: '/imports',
      summary: `Import a CSV file of one KPI: every row or none (at most ${ROWS} rows and ${MAX_IMPORT_MEGABYTES} MB; a larger file is a 413 that says how to split it), recorded as a run of its source; dryRun=true answers the preview and the validation report and stores nothing. Needs customer-kpis.observation.create or a service token`,
      access: {
        permission: customerKpisObservationCreatePermission,
        servicesExempt: true,
      },
      query: importQuerySchema,
      queryNotes: {
        source: `Default: ${DEFAULT_IMPORT_SOURCE}.`,
        dryRun: 'Default: false.',
        delimiter: 'Default: a comma.',
      },
      rawBody: {
        mediaType: 'text/csv',
        limit: `${MAX_IMPORT_MEGABYTES}mb`,
        description:
          'The CSV file (UTF-8): a header row naming the fields (or mapped with `mapping`), then one observation per row',
      },
      response: importResponseSchema,
      errorBodies: {
        400: z.union([errorResponseSchema, importRejectedSchema]),
      },
    },
    async ({ query, req, deps }) => {
      const outcome = await importCsv(
        { store: deps.store, runs: deps.sources.store, now: deps.now },
        req.body as Buffer,
        query,
      );
      if (!outcome.ok) {
        return new ErrorAnswer(400, {
          error: {
            name: 'InputError' as const,
            message: rejectionMessage(outcome.report),
          },
          report: outcome.report,
        });
      }
      return outcome.response;
    },
  ),

  defineRoute(
    {
      method: 'get',
      path: '/imports/templates/:kpi.csv',
      summary:
        'The CSV template of a KPI: the header row (its observation fields) and one example row',
      access: 'authenticated',
      params: z.object({
        kpi: z.string().meta({ description: 'A KPI id, e.g. retention' }),
      }),
      formats: ['text/csv'],
      errors: [404],
    },
    async ({ params }) => {
      if (!isKpiId(params.kpi))
        throw new NotFoundError(`No KPI '${params.kpi}'`);
      const template = csvTemplateOf(params.kpi);
      return new TextAnswer(
        'text/csv; charset=utf-8',
        stringify([template.columns, template.example]),
        `${params.kpi}.csv`,
      );
    },
  ),
];
