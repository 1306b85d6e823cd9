// Builds `GET /overview/owned`: the components and systems that some owners own (a team's, or a user's and the
// user's groups'), as the overview's rows: a component from its own summaries, a system rolled up over its components.
import {
  MAX_OWNED_ROWS,
  OwnedOverviewQuery,
  OwnedOverviewResponse,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { EntityRecord } from '../database/EntityStore';
import { OverviewDeps, entityRows, overviewWindows } from './overview';
import { READ_UPKEEP_BUDGET_MS, rowsOfGroups } from './overviewGroups';
import { relatedTitles, toRow } from './overviewRows';

/** Systems first (the products), then components; each by title, ties by ref. */
function byKindAndTitle(a: EntityRecord, b: EntityRecord): number {
  const rank = (r: EntityRecord) => (r.kind === 'system' ? 0 : 1);
  const title = (r: EntityRecord) =>
    (r.title ?? r.name).toLocaleLowerCase('en-US');
  return (
    rank(a) - rank(b) ||
    title(a).localeCompare(title(b), 'en-US') ||
    (a.entityRef < b.entityRef ? -1 : 1)
  );
}

/**
 * Builds the rows of the entities the owners own that the caller may see (`visible`, lower-case refs). As the
 * overview does, it first brings the stored summaries up to date within a time budget and says what it left.
 */
export async function buildOwnedOverview(
  deps: OverviewDeps,
  query: OwnedOverviewQuery,
  visible: ReadonlySet<string>,
): Promise<OwnedOverviewResponse> {
  const { pendingEntities } = await deps.store.refreshSummariesWithin(
    READ_UPKEEP_BUDGET_MS,
  );
  const owned = (
    await deps.entities.list({
      kinds: ['system', 'component'],
      owners: query.owner,
      refs: [...visible],
    })
  ).sort(byKindAndTitle);
  const shown = owned.slice(0, MAX_OWNED_ROWS);
  const systems = shown.filter(r => r.kind === 'system');
  const components = shown.filter(r => r.kind !== 'system');
  const [systemRows, componentRows] = await Promise.all([
    rowsOfGroups(deps, 'system', systems, query.window, visible),
    entityRows(
      deps,
      components.map(r => r.entityRef),
      components,
      query.window,
    ),
  ]);
  const drafts = [...systemRows.drafts, ...componentRows];
  const titles = await relatedTitles(deps.entities, drafts, visible);
  return {
    owners: query.owner,
    ...overviewWindows(deps.now(), query.window),
    total: owned.length,
    rows: drafts.map(draft => toRow(draft, titles)),
    warnings: [...systemRows.warnings],
    minimumSample: deps.settings.minimumSample,
    pending: { entities: pendingEntities, groups: systemRows.pendingGroups },
  };
}
