// `GET /overview`: components, or systems, domains or owners rolled up, with the seven KPIs; JSON or CSV. And
// `GET /overview/facets`: what its owner, system and domain filters can choose.
import { InputError } from '@backstage/errors';
import {
  STANDARD_WINDOW_DAYS,
  overviewFacetsQuerySchema,
  overviewFacetsResponseSchema,
  overviewQuerySchema,
  overviewResponseSchema,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { overviewToCsv } from '../csv';
import { buildOverview } from '../overview';
import { overviewFacets } from '../overviewFacets';
import { readableEntityRefs } from '../visibility';
import { TextAnswer, defineRoute } from './defineRoute';

export const overviewRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/overview',
      summary:
        'Components, or systems, domains or owners rolled up, with the seven KPIs and the index; with Accept: text/csv, a CSV for spreadsheets (values rounded as shown, units in the headers, then the raw values)',
      access: 'authenticated',
      query: overviewQuerySchema,
      queryNotes: {
        window: `One of ${STANDARD_WINDOW_DAYS.map(d => `${d}d`).join(
          ', ',
        )} (12m = 365d): the windows whose summaries are kept.`,
        kind: 'Without it, components.',
      },
      response: overviewResponseSchema,
      formats: ['text/csv'],
    },
    async ({ query, credentials, format, deps }) => {
      if (!(STANDARD_WINDOW_DAYS as readonly number[]).includes(query.window)) {
        throw new InputError(
          `Invalid query: window: the overview covers ${STANDARD_WINDOW_DAYS.map(
            d => `${d}d`,
          ).join(', ')} (12m = 365d)`,
        );
      }
      const visible = await readableEntityRefs(deps, credentials, [
        query.kind ?? 'component',
        'system',
        'domain',
        'group',
      ]);
      const overview = await buildOverview(deps, query, visible);
      if (format === 'text/csv') {
        return new TextAnswer(
          'text/csv',
          overviewToCsv(overview),
          `customer-kpis-${query.groupBy}.csv`,
        );
      }
      return overview;
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/overview/facets',
      summary:
        "The owners, systems and domains of the entities the caller may read, each with its title and how many of them it has: the suggestions of the overview's filters",
      access: 'authenticated',
      query: overviewFacetsQuerySchema,
      queryNotes: { kind: 'Without it, components.' },
      response: overviewFacetsResponseSchema,
    },
    async ({ query, credentials, deps }) => {
      const kind = query.kind ?? 'component';
      // The same readable set as the overview's, so that a suggestion's count is the rows its filter shows.
      const visible = await readableEntityRefs(deps, credentials, [
        kind,
        'system',
        'domain',
        'group',
      ]);
      return overviewFacets(deps.entities, kind, visible);
    },
  ),
];
