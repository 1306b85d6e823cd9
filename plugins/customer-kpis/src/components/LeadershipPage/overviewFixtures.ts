// Test data of the leadership page: overview rows with known figures, and a fake CustomerKpisApi that filters, groups,
// sorts and pages them the way the backend does, so that tests exercise the page against a behaving API.
import {
  KPI_IDS,
  KpiId,
  OverviewCell,
  OverviewFacetsResponse,
  OverviewResponse,
  OverviewRow,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { CustomerKpisApi, OverviewQueryParams } from '../../api';

const PAYMENTS_TEAM = {
  owner: 'group:default/team-payments',
  ownerTitle: 'Payments Team',
};
const DISCOVERY_TEAM = {
  owner: 'group:default/team-discovery',
  ownerTitle: 'Discovery Team',
};

/** A cell with a status and, unless given, no change. */
export function cell(
  value: number | null,
  extra: Partial<OverviewCell> = {},
): OverviewCell {
  return {
    value,
    n: value === null ? 0 : 120,
    unweightedMean: value,
    status: value === null ? 'insufficient-data' : 'good',
    delta: null,
    significant: false,
    change: 'no-significant-change',
    ...extra,
  };
}

/** A row of `ref` with every KPI (cells not given have no data) and the fields given. */
export function row(
  ref: string,
  title: string,
  fields: Partial<OverviewRow>,
  kpis: Partial<Record<KpiId, OverviewCell>>,
): OverviewRow {
  const all = Object.fromEntries(
    KPI_IDS.map(kpi => [kpi, kpis[kpi] ?? cell(null)]),
  ) as Record<KpiId, OverviewCell>;
  return {
    ref,
    title,
    kind: ref.split(':')[0],
    owner: null,
    system: null,
    domain: null,
    lifecycle: 'production',
    entityCount: 1,
    kpis: all,
    cci: { value: null, delta: null },
    ...fields,
  };
}

/** Three components in two systems; checkout has a significant NPS gain, search a non-significant one. */
export const componentRows: OverviewRow[] = [
  row(
    'component:default/checkout-service',
    'Checkout Service',
    {
      ...PAYMENTS_TEAM,
      system: 'system:default/payments',
      systemTitle: 'Payments',
      cci: { value: 82.4, delta: 3.1 },
    },
    {
      recommend: cell(51, {
        delta: 9,
        significant: true,
        change: 'better',
      }),
      'time-to-resolve': cell(180, { status: 'warning' }),
      satisfaction: cell(60, { status: 'critical' }),
    },
  ),
  row(
    'component:default/payment-gateway',
    'Payment Gateway',
    {
      ...PAYMENTS_TEAM,
      system: 'system:default/payments',
      systemTitle: 'Payments',
      cci: { value: 64, delta: -2 },
    },
    {
      recommend: cell(-12, {
        delta: -15,
        significant: true,
        change: 'worse',
      }),
      'time-to-resolve': cell(90),
      // 12 answers: greyed, its change not judged.
      satisfaction: cell(70, {
        n: 12,
        status: 'insufficient-data',
        delta: 4,
        change: 'insufficient-data',
        changeReason: 'small-sample',
      }),
    },
  ),
  row(
    'component:default/search-api',
    'Search API',
    {
      ...DISCOVERY_TEAM,
      system: 'system:default/search',
      systemTitle: 'Search',
      cci: { value: 71, delta: 0.5 },
    },
    {
      recommend: cell(30, { delta: 2, significant: false }),
      'time-to-resolve': cell(45),
    },
  ),
];

/** The two systems; payments pools NPS to 20 while its components' mean is 19.5. */
export const systemRows: OverviewRow[] = [
  row(
    'system:default/payments',
    'Payments',
    {
      system: 'system:default/payments',
      systemTitle: 'Payments',
      ...PAYMENTS_TEAM,
      entityCount: 2,
      cci: { value: 73.2, delta: 0.6 },
    },
    {
      recommend: cell(20, {
        unweightedMean: 19.5,
        delta: -3,
        significant: false,
      }),
      adoption: cell(40, { unweightedMean: 55 }),
    },
  ),
  row(
    'system:default/search',
    'Search',
    {
      system: 'system:default/search',
      systemTitle: 'Search',
      ...DISCOVERY_TEAM,
      entityCount: 1,
      cci: { value: 71, delta: 0.5 },
    },
    { recommend: cell(30), adoption: cell(35) },
  ),
];

export const ACTIVE_USERS_WARNING =
  'Active users are summed across entities, assuming their user bases do not overlap.';

function sortRows(rows: OverviewRow[], query: OverviewQueryParams) {
  const sort = query.sort ?? 'title';
  const sign = query.order === 'desc' ? -1 : 1;
  const key = (r: OverviewRow) => {
    if (sort === 'title') return r.title.toLowerCase();
    return sort === 'cci' ? r.cci.value : r.kpis[sort].value;
  };
  return [...rows].sort((a, b) => {
    const va = key(a);
    const vb = key(b);
    if (va === null) return 1;
    if (vb === null) return -1;
    return va === vb ? 0 : (va < vb ? -1 : 1) * sign;
  });
}

/** What the fake's owner, system and domain filters suggest. */
export const FACETS: OverviewFacetsResponse = {
  kind: 'component',
  owners: [
    { ref: 'group:default/team-discovery', title: 'Discovery Team', count: 1 },
    { ref: 'group:default/team-payments', title: 'Payments Team', count: 2 },
  ],
  systems: [
    { ref: 'system:default/payments', title: 'Payments', count: 2 },
    { ref: 'system:default/search', title: 'Search', count: 1 },
  ],
  domains: [{ ref: 'domain:default/commerce', title: 'Commerce', count: 3 }],
};

/** A row as a 12-month window over a shorter history answers it: nothing in the window before. */
function withoutPreviousWindow(shown: OverviewRow): OverviewRow {
  const kpis = Object.fromEntries(
    KPI_IDS.map(kpi => {
      const c = shown.kpis[kpi];
      return [
        kpi,
        {
          ...c,
          delta: null,
          significant: false,
          change: 'insufficient-data',
          changeReason: c.value === null ? 'no-data' : 'no-previous-data',
        } satisfies OverviewCell,
      ];
    }),
  ) as Record<KpiId, OverviewCell>;
  return { ...shown, kpis, cci: { ...shown.cci, delta: null } };
}

/** The overview the fake answers for a query; in the 12-month window, without changes (a shorter history). */
export function fakeOverview(query: OverviewQueryParams): OverviewResponse {
  const groupBy = query.groupBy ?? 'component';
  let rows = groupBy === 'system' ? systemRows : componentRows;
  if (query.window === '12m') rows = rows.map(withoutPreviousWindow);
  if (query.system) rows = rows.filter(r => r.system === query.system);
  if (query.owner) rows = rows.filter(r => r.owner === query.owner);
  if (query.q)
    rows = rows.filter(r =>
      r.title.toLowerCase().includes(query.q!.toLowerCase()),
    );
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  const sorted = sortRows(rows, query);
  return {
    groupBy,
    window: { from: '2025-04-02', to: '2025-06-30', days: 90 },
    previousWindow: { from: '2025-01-02', to: '2025-04-01', days: 90 },
    total: sorted.length,
    page,
    pageSize,
    rows: sorted.slice((page - 1) * pageSize, page * pageSize),
    warnings: groupBy === 'component' ? [] : [ACTIVE_USERS_WARNING],
    minimumSample: 30,
  };
}

/** A fake of the overview calls of CustomerKpisApi, recording each query. */
export function fakeOverviewApi() {
  return {
    getOverview: jest.fn(async (query: OverviewQueryParams) =>
      fakeOverview(query),
    ),
    getOverviewCsv: jest.fn(
      async (query: OverviewQueryParams) =>
        `ref,title\n${fakeOverview(query)
          .rows.map(r => `${r.ref},${r.title}`)
          .join('\n')}\n`,
    ),
    getOverviewFacets: jest.fn(
      async (
        _query?: Parameters<CustomerKpisApi['getOverviewFacets']>[0],
      ): Promise<OverviewFacetsResponse> => FACETS,
    ),
  } satisfies Pick<
    CustomerKpisApi,
    'getOverview' | 'getOverviewCsv' | 'getOverviewFacets'
  >;
}
