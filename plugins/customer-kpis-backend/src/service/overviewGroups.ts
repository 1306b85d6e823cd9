// The grouped overview (by system, domain or owner): which members each group has for the caller, and their rollups.
import { parseEntityRef } from '@backstage/catalog-model';
import {
  KPI_IDS,
  OverviewQuery,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { CustomerKpisSettings } from '../config';
import {
  EntityFilter,
  EntityRecord,
  EntityStore,
} from '../database/EntityStore';
import {
  GroupColumn,
  GroupRollups,
  GroupSummaryStore,
  rollupMembers,
} from '../database/GroupSummaryStore';
import { RowDraft, groupRow } from './overviewRows';

/** What the grouped overview reads. */
export interface GroupedOverviewDeps {
  entities: EntityStore;
  groups: GroupSummaryStore;
  settings: CustomerKpisSettings;
}

/**
 * How long a read may spend bringing stored summaries up to date before it answers with what is stored (the
 * scheduled upkeep does the rest within a minute); a step already started finishes.
 */
export const READ_UPKEEP_BUDGET_MS = 100;

/** The members of each group that the caller may see; groups without any are left out. */
function visibleMembers(
  groups: ReadonlyMap<string, readonly string[]>,
  visible: ReadonlySet<string>,
): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const [ref, members] of groups) {
    const seen = members.filter(member => visible.has(member));
    if (seen.length > 0) result.set(ref, seen);
  }
  return result;
}

/**
 * The rollups of the groups of the chosen members (those matching the filters that the caller may see). A group
 * whose chosen members are all its components reads its stored summaries, brought up to date first; any other
 * group (some members hidden or filtered out, or another kind than components) is rolled up from the chosen
 * members' window summaries.
 */
async function rollupsOfGroups(
  deps: GroupedOverviewDeps,
  column: GroupColumn,
  windowDays: number,
  chosen: ReadonlyMap<string, readonly string[]>,
  whole: ReadonlyMap<string, readonly string[]>,
): Promise<{ rollups: Map<string, GroupRollups>; pendingGroups: number }> {
  const complete = new Map<string, readonly string[]>();
  const partial: [string, readonly string[]][] = [];
  for (const [ref, members] of chosen) {
    // The chosen members are a subset of the group's components: the same count means the same set.
    const all = whole.get(ref);
    if (all && all.length === members.length) complete.set(ref, all);
    else partial.push([ref, members]);
  }
  // The one explicit upkeep of this read, bounded in time: groups whose members got data since they were stored
  // are recomputed while the budget lasts; the others are read as last stored, and the answer says how many.
  const { pending } = await deps.groups.bringUpToDateWithin(
    column,
    complete,
    READ_UPKEEP_BUDGET_MS,
  );
  const result = await deps.groups.read(column, windowDays, complete);
  for (const [ref, rollups] of await deps.groups.rollUp(partial, windowDays)) {
    result.set(ref, rollups);
  }
  return { rollups: result, pendingGroups: pending };
}

/** The record of a group; a group the catalog mirror does not hold (an owner outside it) gets one from its ref. */
function groupRecord(
  ref: string,
  kind: string,
  known: ReadonlyMap<string, EntityRecord>,
): EntityRecord {
  const record = known.get(ref);
  if (record) return record;
  const { namespace, name } = parseEntityRef(ref, {
    defaultKind: kind,
    defaultNamespace: 'default',
  });
  return {
    entityRef: ref,
    kind,
    namespace,
    name,
    title: null,
    owner: null,
    system: null,
    domain: null,
    lifecycle: null,
    tags: [],
    annotations: {},
  };
}

/** The row of a group from its rollups; their warnings are added to `warnings`. */
function groupDraft(
  record: EntityRecord,
  memberCount: number,
  rollups: GroupRollups,
  settings: CustomerKpisSettings,
  warnings: Set<string>,
): RowDraft {
  for (const kpi of KPI_IDS)
    rollups[kpi].current.warnings.forEach(w => warnings.add(w));
  return groupRow(record, memberCount, rollups, settings);
}

/**
 * The rows of every group of `column` with chosen members, unsorted, and the warnings of their rollups. `filter`
 * chooses the members (its refs are what the caller may see).
 */
export async function groupRows(
  deps: GroupedOverviewDeps,
  column: GroupColumn,
  query: OverviewQuery,
  filter: EntityFilter,
  visible: ReadonlySet<string>,
): Promise<{
  drafts: RowDraft[];
  warnings: Set<string>;
  pendingGroups: number;
}> {
  const { entities } = deps;
  const components = filter.kinds?.[0] === 'component';
  const whole = components
    ? await entities.listGroupMembers(column)
    : new Map<string, string[]>();
  const memberFilter =
    filter.owner ||
    filter.system ||
    filter.domain ||
    filter.lifecycle ||
    filter.tag;
  // Without a member filter the chosen members are the components the caller may see: no second query.
  const groups =
    components && !memberFilter
      ? visibleMembers(whole, visible)
      : await entities.listGroupMembers(column, filter);
  const [known, { rollups, pendingGroups }] = await Promise.all([
    entities.getMany([...groups.keys()]),
    rollupsOfGroups(deps, column, query.window, groups, whole),
  ]);
  const records = new Map(known.map(r => [r.entityRef, r]));
  const kind = column === 'owner' ? 'group' : column;
  const warnings = new Set<string>();
  const drafts: RowDraft[] = [];
  for (const [ref, members] of groups) {
    drafts.push(
      groupDraft(
        groupRecord(ref, kind, records),
        members.length,
        rollups.get(ref)!,
        deps.settings,
        warnings,
      ),
    );
  }
  const q = query.q?.toLowerCase();
  return {
    drafts: q
      ? drafts.filter(d =>
          `${d.record.name} ${d.record.title ?? ''}`.toLowerCase().includes(q),
        )
      : drafts,
    warnings,
    pendingGroups,
  };
}

/**
 * The rows of some groups of `column` (their records: the systems a team owns, for one), each rolled up over its
 * components that the caller may see, as {@link groupRows} rolls them up; a group without any is a row without data.
 */
export async function rowsOfGroups(
  deps: GroupedOverviewDeps,
  column: GroupColumn,
  records: readonly EntityRecord[],
  windowDays: number,
  visible: ReadonlySet<string>,
): Promise<{
  drafts: RowDraft[];
  warnings: Set<string>;
  pendingGroups: number;
}> {
  const warnings = new Set<string>();
  if (records.length === 0) return { drafts: [], warnings, pendingGroups: 0 };
  const whole = await deps.entities.listGroupMembers(column);
  const chosen = visibleMembers(
    new Map(records.map(r => [r.entityRef, whole.get(r.entityRef) ?? []])),
    visible,
  );
  const { rollups, pendingGroups } = await rollupsOfGroups(
    deps,
    column,
    windowDays,
    chosen,
    whole,
  );
  const drafts = records.map(record =>
    groupDraft(
      record,
      chosen.get(record.entityRef)?.length ?? 0,
      rollups.get(record.entityRef) ?? rollupMembers([]),
      deps.settings,
      warnings,
    ),
  );
  return { drafts, warnings, pendingGroups };
}
