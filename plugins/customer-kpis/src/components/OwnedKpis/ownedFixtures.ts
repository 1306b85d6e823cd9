// Test data of the owned-products cards: the payments team's system and components as `GET /overview/owned` answers
// them, with known figures.
import {
  KPI_IDS,
  KpiId,
  OverviewCell,
  OverviewRow,
  OwnedOverviewResponse,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import {
  cell as overviewCell,
  row as overviewRow,
} from '../LeadershipPage/overviewFixtures';

export const PAYMENTS_TEAM = 'group:default/team-payments';

/** A cell on target with 120 answers and no significant change (no verdict without data), unless told otherwise. */
function cell(value: number | null, extra: Partial<OverviewCell> = {}) {
  return overviewCell(value, {
    change: value === null ? 'insufficient-data' : 'no-significant-change',
    ...extra,
  });
}

/** A row of the payments team's, in the payments system of the commerce domain, unless told otherwise. */
function row(
  ref: string,
  title: string,
  fields: Partial<OverviewRow>,
  kpis: Partial<Record<KpiId, OverviewCell>>,
): OverviewRow {
  return overviewRow(
    ref,
    title,
    {
      owner: PAYMENTS_TEAM,
      ownerTitle: 'Payments Team',
      system: 'system:default/payments',
      systemTitle: 'Payments',
      domain: 'domain:default/commerce',
      domainTitle: 'Commerce',
      ...fields,
    },
    Object.fromEntries(KPI_IDS.map(kpi => [kpi, kpis[kpi] ?? cell(null)])),
  );
}

/** The payments system (three components pooled), then two of its components. */
export const paymentsRows: OverviewRow[] = [
  row(
    'system:default/payments',
    'Payments',
    { entityCount: 3, lifecycle: null },
    {
      recommend: cell(51, { delta: 9, significant: true, change: 'better' }),
      satisfaction: cell(60, { status: 'critical' }),
      'time-to-resolve': cell(180, { status: 'warning' }),
    },
  ),
  row(
    'component:default/fraud-detection',
    'Fraud Detection',
    {},
    {
      recommend: cell(-12, { delta: -15, significant: true, change: 'worse' }),
      // 12 answers: greyed, without a status.
      satisfaction: cell(70, {
        n: 12,
        status: 'insufficient-data',
        change: 'insufficient-data',
        changeReason: 'small-sample',
      }),
    },
  ),
  row(
    'component:default/payments-gateway',
    'Payments Gateway',
    {},
    { recommend: cell(30), 'customer-effort': cell(5.43, { scale: 7 }) },
  ),
];

/** The answer for the payments team over 90 days. */
export function ownedAnswer(
  rows: OverviewRow[] = paymentsRows,
  extra: Partial<OwnedOverviewResponse> = {},
): OwnedOverviewResponse {
  return {
    owners: [PAYMENTS_TEAM],
    window: { from: '2025-04-01', to: '2025-06-29', days: 90 },
    previousWindow: { from: '2025-01-01', to: '2025-03-31', days: 90 },
    total: rows.length,
    rows,
    warnings: [],
    minimumSample: 30,
    ...extra,
  };
}
