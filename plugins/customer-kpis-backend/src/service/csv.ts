// The overview as CSV for a spreadsheet: the rows of the JSON answer, each KPI rounded as the screens show it in one
// unit per column (durations in hours), its interval, sample, status and change, then the unrounded values.
// The columns are listed in the backend's README ("CSV export columns").
import {
  KPI_IDS,
  KpiDisplayNumber,
  KpiDisplayUnit,
  KpiId,
  KpiUnit,
  OverviewResponse,
  OverviewRow,
  cciDeltaDisplay,
  cciValueDisplay,
  kpiDefinitions,
  kpiDeltaDisplay,
  kpiValueDisplay,
  plainDisplayNumber,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { stringify } from 'csv-stringify/sync';

// A spreadsheet column has one unit: durations read in hours whatever their size (the screens switch units).
const DISPLAY = { durationUnit: 'hours' } as const;

const DISPLAY_UNIT_LABELS: Record<KpiDisplayUnit, string> = {
  percent: '%',
  'percent-points': 'percentage points',
  nps: 'NPS points',
  score: 'score',
  minutes: 'minutes',
  hours: 'hours',
  days: 'days',
  index: 'points',
};

const RAW_UNIT_LABELS: Record<KpiUnit, string> = {
  percent: '%',
  nps: 'NPS points',
  score: 'score',
  minutes: 'minutes',
};

type Cell = string | number;

/** One column: its header and its cell of a row. */
interface Column {
  header: string;
  cell: (row: OverviewRow) => Cell;
}

const shown = (display: KpiDisplayNumber) => plainDisplayNumber(display);

function orEmpty<T>(value: T | null | undefined, write: (v: T) => Cell): Cell {
  return value === null || value === undefined ? '' : write(value);
}

/** The columns of one KPI as shown: value, interval, sample, status and change. */
function kpiColumns(kpi: KpiId): Column[] {
  const unit = DISPLAY_UNIT_LABELS[kpiValueDisplay(kpi, 0, DISPLAY).unit];
  const deltaUnit = DISPLAY_UNIT_LABELS[kpiDeltaDisplay(kpi, 0, DISPLAY).unit];
  const value = (v: number) => shown(kpiValueDisplay(kpi, v, DISPLAY));
  const columns: Column[] = [
    {
      header: `${kpi} (${unit})`,
      cell: row => orEmpty(row.kpis[kpi]?.value, value),
    },
    {
      header: `${kpi} 95% low (${unit})`,
      cell: row => orEmpty(row.kpis[kpi]?.interval?.low, value),
    },
    {
      header: `${kpi} 95% high (${unit})`,
      cell: row => orEmpty(row.kpis[kpi]?.interval?.high, value),
    },
  ];
  if (kpi === 'customer-effort') {
    columns.push({
      header: `${kpi} scale`,
      cell: row => orEmpty(row.kpis[kpi]?.scale, s => s),
    });
  }
  columns.push(
    { header: `${kpi} n`, cell: row => row.kpis[kpi]?.n ?? 0 },
    {
      header: `${kpi} status`,
      cell: row => row.kpis[kpi]?.status ?? 'insufficient-data',
    },
    {
      header: `${kpi} delta (${deltaUnit})`,
      cell: row =>
        orEmpty(row.kpis[kpi]?.delta, d =>
          shown(kpiDeltaDisplay(kpi, d, DISPLAY)),
        ),
    },
    {
      header: `${kpi} change`,
      cell: row => row.kpis[kpi]?.change ?? 'insufficient-data',
    },
    {
      header: `${kpi} significant`,
      cell: row => (row.kpis[kpi]?.significant ? 'yes' : 'no'),
    },
    {
      header: `${kpi} unweighted mean (${unit})`,
      cell: row => orEmpty(row.kpis[kpi]?.unweightedMean, value),
    },
  );
  return columns;
}

/** The CSV header and one line per overview row (see the backend's README for the columns). */
export function overviewToCsv(overview: OverviewResponse): string {
  const columns: Column[] = [
    { header: 'title', cell: row => row.title },
    { header: 'ref', cell: row => row.ref },
    { header: 'kind', cell: row => row.kind },
    { header: 'entities', cell: row => row.entityCount },
    { header: 'owner', cell: row => row.ownerTitle ?? '' },
    { header: 'owner ref', cell: row => row.owner ?? '' },
    { header: 'system', cell: row => row.systemTitle ?? '' },
    { header: 'system ref', cell: row => row.system ?? '' },
    { header: 'domain', cell: row => row.domainTitle ?? '' },
    { header: 'domain ref', cell: row => row.domain ?? '' },
    { header: 'lifecycle', cell: row => row.lifecycle ?? '' },
    { header: 'window from', cell: () => overview.window.from },
    { header: 'window to', cell: () => overview.window.to },
    {
      header: 'cci (0-100)',
      cell: row => orEmpty(row.cci.value, v => shown(cciValueDisplay(v))),
    },
    {
      header: `cci delta (${DISPLAY_UNIT_LABELS.index})`,
      cell: row => orEmpty(row.cci.delta, d => shown(cciDeltaDisplay(d))),
    },
    ...KPI_IDS.flatMap(kpiColumns),
    // Unrounded, in the unit the API answers in: for sums and checks, not for reading.
    ...KPI_IDS.map(
      (kpi): Column => ({
        header: `${kpi} raw (${RAW_UNIT_LABELS[kpiDefinitions[kpi].unit]})`,
        cell: row => orEmpty(row.kpis[kpi]?.value, v => v),
      }),
    ),
    {
      header: 'cci raw (0-100)',
      cell: row => orEmpty(row.cci.value, v => v),
    },
  ];
  return stringify([
    columns.map(c => c.header),
    ...overview.rows.map(row => columns.map(c => c.cell(row))),
  ]);
}
