// The leadership page's state as URL query parameters, so that a link shares the exact view: reading and writing
// them, and turning them into the overview API's query.
import {
  KPI_IDS,
  KpiId,
  OVERVIEW_SORTS,
  OverviewSort,
  STANDARD_WINDOW_PARAMS,
  kpiDefinitions,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { KpiWindow, OverviewGroupBy, OverviewQueryParams } from '../../api';

export const GROUP_BYS: readonly OverviewGroupBy[] = [
  'component',
  'system',
  'domain',
  'owner',
];
export const OVERVIEW_WINDOWS: readonly KpiWindow[] = STANDARD_WINDOW_PARAMS;
export const PAGE_SIZES = [25, 50, 100, 250, 500] as const;
/** The text filters, in the order the page shows them. */
export const FILTER_KEYS = [
  'kind',
  'owner',
  'system',
  'domain',
  'lifecycle',
  'tag',
  'q',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/** Which value a grouped row shows: pooled over its entities, or the mean of the entities' own values. */
export type RollupMethod = 'pooled' | 'mean';
/** The chart beside the table. */
export type ChartKind = 'ranking' | 'scatter';

/** Everything the page shows, as read from the URL. */
export interface LeadershipState {
  groupBy: OverviewGroupBy;
  window: KpiWindow;
  filters: Partial<Record<FilterKey, string>>;
  sort: OverviewSort;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
  rollup: RollupMethod;
  chart: ChartKind;
  x: KpiId;
  y: KpiId;
}

export const DEFAULT_STATE: LeadershipState = {
  groupBy: 'component',
  window: '90d',
  filters: {},
  sort: 'title',
  order: 'asc',
  page: 1,
  pageSize: 50,
  rollup: 'pooled',
  chart: 'ranking',
  x: 'time-to-resolve',
  y: 'recommend',
};

function oneOf<T extends string>(
  value: string | null,
  allowed: readonly T[],
  fallback: T,
): T {
  return value !== null && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : fallback;
}

function positiveInt(value: string | null, fallback: number, max: number) {
  const n = Number(value);
  return value !== null && Number.isInteger(n) && n >= 1 && n <= max
    ? n
    : fallback;
}

/** Reads the page state from query parameters; anything missing or invalid takes its default. */
export function readLeadershipState(search: URLSearchParams): LeadershipState {
  const d = DEFAULT_STATE;
  const filters: LeadershipState['filters'] = {};
  for (const key of FILTER_KEYS) {
    const value = search.get(key)?.trim();
    if (value) filters[key] = value;
  }
  return {
    groupBy: oneOf(search.get('groupBy'), GROUP_BYS, d.groupBy),
    window: oneOf(search.get('window'), OVERVIEW_WINDOWS, d.window),
    filters,
    sort: oneOf(search.get('sort'), OVERVIEW_SORTS, d.sort),
    order: oneOf(search.get('order'), ['asc', 'desc'] as const, d.order),
    page: positiveInt(search.get('page'), d.page, 1_000_000),
    pageSize: (PAGE_SIZES as readonly number[]).includes(
      Number(search.get('pageSize')),
    )
      ? Number(search.get('pageSize'))
      : d.pageSize,
    rollup: oneOf(search.get('rollup'), ['pooled', 'mean'] as const, d.rollup),
    chart: oneOf(search.get('chart'), ['ranking', 'scatter'] as const, d.chart),
    x: oneOf(search.get('x'), KPI_IDS, d.x),
    y: oneOf(search.get('y'), KPI_IDS, d.y),
  };
}

/** Writes the page state as query parameters, leaving out defaults so that shared links stay short. */
export function writeLeadershipState(state: LeadershipState): URLSearchParams {
  const search = new URLSearchParams();
  const d = DEFAULT_STATE;
  if (state.groupBy !== d.groupBy) search.set('groupBy', state.groupBy);
  if (state.window !== d.window) search.set('window', state.window);
  for (const key of FILTER_KEYS) {
    const value = state.filters[key];
    if (value) search.set(key, value);
  }
  if (state.sort !== d.sort) search.set('sort', state.sort);
  if (state.order !== d.order) search.set('order', state.order);
  if (state.page !== d.page) search.set('page', String(state.page));
  if (state.pageSize !== d.pageSize)
    search.set('pageSize', String(state.pageSize));
  if (state.rollup !== d.rollup) search.set('rollup', state.rollup);
  if (state.chart !== d.chart) search.set('chart', state.chart);
  if (state.x !== d.x) search.set('x', state.x);
  if (state.y !== d.y) search.set('y', state.y);
  return search;
}

/** The filters that name an entity, and the kind a name alone stands for. */
export const REF_KINDS = {
  owner: 'group',
  system: 'system',
  domain: 'domain',
} as const;
/** A filter that names an entity: owner, system or domain. */
export type RefFilterKey = keyof typeof REF_KINDS;

/**
 * A filter on an owner, system or domain as the API compares it: a full lower-case entity ref. "payments" and
 * "default/payments" become "system:default/payments"; "user:jane" becomes "user:default/jane".
 */
export function toFilterRef(value: string, kind: string): string {
  const text = value.trim().toLocaleLowerCase('en-US');
  const match = /^([^:/]+):(.+)$/.exec(text);
  const refKind = match ? match[1] : kind;
  const rest = match ? match[2] : text;
  return `${refKind}:${rest.includes('/') ? rest : `default/${rest}`}`;
}

/** The shortest filter text for an entity ref: the name alone when the kind is the expected one in "default". */
export function toFilterText(ref: string, kind: string): string {
  const prefix = `${kind}:default/`;
  return ref.startsWith(prefix) ? ref.slice(prefix.length) : ref;
}

/** The overview API's query for the page state: one page, with the same filters, sort and window. */
export function toOverviewQuery(state: LeadershipState): OverviewQueryParams {
  const { filters } = state;
  const query: OverviewQueryParams = {
    groupBy: state.groupBy,
    window: state.window,
  };
  if (filters.kind) query.kind = filters.kind.toLocaleLowerCase('en-US');
  for (const key of ['owner', 'system', 'domain'] as const) {
    const value = filters[key];
    if (value) query[key] = toFilterRef(value, REF_KINDS[key]);
  }
  if (filters.lifecycle) query.lifecycle = filters.lifecycle;
  if (filters.tag) query.tag = filters.tag;
  if (filters.q) query.q = filters.q;
  query.sort = state.sort;
  query.order = state.order;
  query.page = state.page;
  query.pageSize = state.pageSize;
  return query;
}

/** The order a column sorts in on its first click: best first (the title alphabetically). */
export function firstOrder(sort: OverviewSort): 'asc' | 'desc' {
  if (sort === 'title') return 'asc';
  if (sort === 'cci') return 'desc';
  return kpiDefinitions[sort].direction === 'higher' ? 'desc' : 'asc';
}

/** The state after a click on a column header: the same column flips its order, another starts best first. */
export function sortBy(
  state: LeadershipState,
  sort: OverviewSort,
): LeadershipState {
  const flipped = state.order === 'asc' ? 'desc' : 'asc';
  const order = state.sort === sort ? flipped : firstOrder(sort);
  return { ...state, sort, order, page: 1 };
}

/** Where a grouped row drills down to: its members one level below, filtered to the row. */
export function drillDown(
  state: LeadershipState,
  row: { ref: string },
): LeadershipState | undefined {
  // The text search named rows of the upper level; it would hide the members.
  const base = { ...state, page: 1 };
  const filters = { ...state.filters };
  delete filters.q;
  switch (state.groupBy) {
    case 'system':
      return {
        ...base,
        groupBy: 'component',
        filters: { ...filters, system: toFilterText(row.ref, 'system') },
      };
    case 'domain':
      return {
        ...base,
        groupBy: 'system',
        filters: { ...filters, domain: toFilterText(row.ref, 'domain') },
      };
    case 'owner':
      return {
        ...base,
        groupBy: 'component',
        filters: { ...filters, owner: toFilterText(row.ref, 'group') },
      };
    default:
      return undefined;
  }
}

/**
 * Where "back" leads from a drilled-down view: components of a system back to the systems, components of an owner
 * back to the owners, systems of a domain back to the domains. Undefined when the view is not a drill-down.
 */
export function drillUp(
  state: LeadershipState,
): { state: LeadershipState; filter: RefFilterKey; value: string } | undefined {
  const { filters } = state;
  const up = (groupBy: OverviewGroupBy, filter: RefFilterKey) => {
    const rest = { ...filters };
    delete rest[filter];
    return {
      state: { ...state, groupBy, filters: rest, page: 1 },
      filter,
      value: filters[filter]!,
    };
  };
  if (state.groupBy === 'component' && filters.system)
    return up('system', 'system');
  if (state.groupBy === 'component' && filters.owner)
    return up('owner', 'owner');
  if (state.groupBy === 'system' && filters.domain)
    return up('domain', 'domain');
  return undefined;
}
