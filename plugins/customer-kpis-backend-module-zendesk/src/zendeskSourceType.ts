// The `zendesk` source type: time to resolve from the incremental ticket export, CSAT from satisfaction ratings.
import { Entity } from '@backstage/catalog-model';
import {
  ZENDESK_BRAND_ANNOTATION,
  ZENDESK_GROUP_ANNOTATION,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import {
  CustomerKpisSourceType,
  JsonValue,
  SourcePage,
  SourcePullContext,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { ZendeskBindings } from './bindings';
import {
  ZendeskConfig,
  annotationIds,
  zendeskApiBase,
  zendeskConfigSchema,
  zendeskCredentialTargets,
} from './config';
import { ratingObservations, ticketObservations } from './observations';
import { ZendeskClient, ZendeskRating } from './zendeskApi';

/**
 * Where the next pull starts. Tickets: the export's `after_cursor`, or the first request's `start_time`. Ratings: the
 * `start_time` of the current pass over the ratings, the page cursor inside it (`after`), and the newest `created_at`
 * seen so far (Unix seconds), from which the next pass starts.
 */
type ZendeskCursor = {
  version: 1;
  tickets: { cursor: string } | { startTime: number };
  ratings: { startTime: number; after?: string; newest?: number };
};

function readCursor(
  cursor: JsonValue | undefined,
  initialStartTime: number,
): ZendeskCursor {
  const fresh: ZendeskCursor = {
    version: 1,
    tickets: { startTime: initialStartTime },
    ratings: { startTime: initialStartTime },
  };
  if (typeof cursor !== 'object' || cursor === null || Array.isArray(cursor)) {
    return fresh;
  }
  const tickets = cursor.tickets as Record<string, JsonValue> | undefined;
  const ratings = cursor.ratings as Record<string, JsonValue> | undefined;
  let ticketsFrom: ZendeskCursor['tickets'] = fresh.tickets;
  if (typeof tickets?.cursor === 'string') {
    ticketsFrom = { cursor: tickets.cursor };
  } else if (typeof tickets?.startTime === 'number') {
    ticketsFrom = { startTime: tickets.startTime };
  }
  return {
    version: 1,
    tickets: ticketsFrom,
    ratings:
      typeof ratings?.startTime === 'number'
        ? {
            startTime: ratings.startTime,
            ...(typeof ratings.after === 'string'
              ? { after: ratings.after }
              : {}),
            ...(typeof ratings.newest === 'number'
              ? { newest: ratings.newest }
              : {}),
          }
        : fresh.ratings,
  };
}

function isBoundToZendesk(entity: Entity): boolean {
  return (
    annotationIds(entity, ZENDESK_GROUP_ANNOTATION).length > 0 ||
    annotationIds(entity, ZENDESK_BRAND_ANNOTATION).length > 0
  );
}

const unixSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

async function* pullZendesk(
  context: SourcePullContext<ZendeskConfig>,
): AsyncIterable<SourcePage> {
  const { config, logger, signal, credentials } = context;
  // Fails before any request when the credential is missing or not allowed for this Zendesk; each request asks again
  // with its own URL.
  try {
    credentials.get(config.credential, zendeskApiBase(config));
  } catch (error) {
    throw new Error(`Zendesk source: ${(error as Error).message}`);
  }
  const client = new ZendeskClient(
    config,
    url => credentials.get(config.credential, url),
    logger,
    context.redactor,
    signal,
  );
  const bindings = new ZendeskBindings(
    context.entities.filter(isBoundToZendesk),
  );
  const initialStartTime =
    Math.floor(context.now().getTime() / 1000) -
    config.initialLookbackDays * 86_400;
  const cursor = readCursor(context.cursor, initialStartTime);
  const page = (observations: SourcePage['observations']): SourcePage => ({
    observations,
    cursor: structuredClone(cursor),
  });

  // 1. Tickets changed since the cursor, until the export says it has reached now.
  for (;;) {
    const exported = await client.exportTickets(cursor.tickets);
    const mapped = ticketObservations(
      exported.tickets,
      exported.metric_sets ?? [],
      ticket => bindings.entityRefsFor(ticket.group_id, ticket.brand_id),
    );
    if (mapped.skipped > 0) {
      logger.warn(
        `Zendesk source: ${mapped.skipped} solved ticket(s) without a usable metric set were left out`,
      );
    }
    if (exported.after_cursor) {
      cursor.tickets = { cursor: exported.after_cursor };
    }
    yield page(mapped.observations);
    if (exported.end_of_stream || !exported.after_cursor) {
      break;
    }
  }

  if (!config.satisfaction) {
    return;
  }

  // 2. Ratings created since the start of this pass, page by page; the next pass starts near the newest one seen.
  for (;;) {
    const listed = await client.listRatings({
      startTime: cursor.ratings.startTime,
      after: cursor.ratings.after,
    });
    const ratings = listed.satisfaction_ratings;
    const brands = bindings.usesBrands
      ? await client.ticketBrands([
          ...new Set(ratings.flatMap(r => (r.ticket_id ? [r.ticket_id] : []))),
        ])
      : new Map<string, string>();
    const mapped = ratingObservations(ratings, (rating: ZendeskRating) =>
      bindings.entityRefsFor(
        rating.group_id,
        rating.ticket_id ? brands.get(rating.ticket_id) : undefined,
      ),
    );
    const newest = Math.max(
      cursor.ratings.newest ?? 0,
      ...ratings.map(r => unixSeconds(r.created_at)).filter(Number.isFinite),
    );
    const hasMore = Boolean(listed.meta?.has_more && listed.meta.after_cursor);
    cursor.ratings = hasMore
      ? {
          startTime: cursor.ratings.startTime,
          after: listed.meta!.after_cursor!,
          ...(newest > 0 ? { newest } : {}),
        }
      : {
          startTime:
            newest > 0
              ? Math.max(
                  cursor.ratings.startTime,
                  newest - Math.floor(config.ratingRevisitHours * 3600),
                )
              : cursor.ratings.startTime,
        };
    yield page(mapped.observations);
    if (!hasMore) {
      break;
    }
  }
}

/**
 * The `zendesk` source type. Entities are bound by `zendesk.com/group-id` (the ticket's or rating's group) and/or
 * `zendesk.com/brand-id` (the ticket's brand); either may list several ids separated by commas.
 *
 * - time to resolve: the cursor-based incremental ticket export with side-loaded metric sets; each solved or closed
 *   ticket gives one observation per bound entity (id `ticket/<ticket id>/<entity ref>`), opened at `created_at`,
 *   resolved at `solved_at`, with Zendesk's own business minutes of the full resolution time;
 * - satisfaction: legacy CSAT satisfaction ratings, `good` → 5 and `bad` → 1 (a binary distribution on the 1–5
 *   scale: "% satisfied" is the share of good ratings, the mean says little), id `rating/<rating id>/<entity ref>`.
 *
 * A ticket solved again after a reopen replaces its observation (same id); a ticket reopened and still open keeps its
 * earlier observation until it is solved again.
 */
export const zendeskSourceType: CustomerKpisSourceType<ZendeskConfig> = {
  id: 'zendesk',
  title: 'Zendesk',
  description:
    'Ticket resolution times (time to resolve, with Zendesk business hours) and satisfaction ratings (CSAT, good/bad) of the Zendesk groups or brands named in zendesk.com/group-id or zendesk.com/brand-id.',
  configSchema: zendeskConfigSchema,
  kpis: ['time-to-resolve', 'satisfaction'],
  annotation: ZENDESK_GROUP_ANNOTATION,
  bindingAnnotations: [ZENDESK_GROUP_ANNOTATION, ZENDESK_BRAND_ANNOTATION],
  credentialTargets: zendeskCredentialTargets,
  isAvailable: isBoundToZendesk,
  pull: pullZendesk,
};
