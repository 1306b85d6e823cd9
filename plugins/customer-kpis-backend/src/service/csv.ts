// The overview as CSV: exactly the rows and columns of the JSON answer, one KPI a column group.
import {
  KPI_IDS,
  OverviewResponse,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { stringify } from 'csv-stringify/sync';

/** The CSV header and one line per overview row. */
export function overviewToCsv(overview: OverviewResponse): string {
  const header = [
    'ref',
    'title',
    'kind',
    'owner',
    'system',
    'domain',
    'lifecycle',
    'entities',
    'cci',
    'cci_delta',
    ...KPI_IDS.flatMap(kpi => [
      `${kpi}_value`,
      `${kpi}_n`,
      `${kpi}_unweighted_mean`,
      `${kpi}_status`,
      `${kpi}_delta`,
      `${kpi}_significant`,
    ]),
  ];
  const rows = overview.rows.map(row => [
    row.ref,
    row.title,
    row.kind,
    row.owner ?? '',
    row.system ?? '',
    row.domain ?? '',
    row.lifecycle ?? '',
    row.entityCount,
    row.cci.value ?? '',
    row.cci.delta ?? '',
    ...KPI_IDS.flatMap(kpi => {
      const cell = row.kpis[kpi];
      return [
        cell?.value ?? '',
        cell?.n ?? 0,
        cell?.unweightedMean ?? '',
        cell?.status ?? '',
        cell?.delta ?? '',
        cell?.significant ? 'yes' : 'no',
      ];
    }),
  ]);
  return stringify([header, ...rows]);
}
