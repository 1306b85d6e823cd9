// `GET /overview/owned`: the components and systems of some owners with the seven KPIs, for a team's page and a
// user's home page ("my products").
import { InputError } from '@backstage/errors';
import {
  MAX_OWNED_ROWS,
  STANDARD_WINDOW_DAYS,
  ownedOverviewQuerySchema,
  ownedOverviewResponseSchema,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { buildOwnedOverview } from '../ownedOverview';
import { readableEntityRefs } from '../visibility';
import { defineRoute } from './defineRoute';

export const ownedRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/overview/owned',
      summary: `The components and systems that any of the owners owns (the spec.owner of each), with the seven KPIs as the overview's rows: a system rolled up over its components the caller may read. Systems first, then components, by title; at most ${MAX_OWNED_ROWS} rows`,
      access: 'authenticated',
      query: ownedOverviewQuerySchema,
      queryNotes: {
        owner:
          'An entity ref; repeat the parameter for several owners (a user and the groups the user belongs to).',
        window: `One of ${STANDARD_WINDOW_DAYS.map(d => `${d}d`).join(
          ', ',
        )} (12m = 365d): the windows whose summaries are kept.`,
      },
      response: ownedOverviewResponseSchema,
    },
    async ({ query, credentials, deps }) => {
      if (!(STANDARD_WINDOW_DAYS as readonly number[]).includes(query.window)) {
        throw new InputError(
          `Invalid query: window: the owned products cover ${STANDARD_WINDOW_DAYS.map(
            d => `${d}d`,
          ).join(', ')} (12m = 365d)`,
        );
      }
      // Systems and components to list; domains and groups for the titles of the rows' domain and owner.
      const visible = await readableEntityRefs(deps, credentials, [
        'component',
        'system',
        'domain',
        'group',
      ]);
      return buildOwnedOverview(deps, query, visible);
    },
  ),
];
