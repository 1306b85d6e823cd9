// Which catalog components have data for which KPI: data, stale, or missing with the reason; and the data that names
// entities missing from the catalog.
import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import {
  CoverageCell,
  CoverageReason,
  CoverageResponse,
  KPI_IDS,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { KpiFormat, useKpiFormat } from '../../hooks/useKpiFormat';

const REASON_KEYS = {
  'no-annotation': 'admin.coverage.noAnnotation',
  'no-source': 'admin.coverage.noSource',
  'source-failing': 'admin.coverage.sourceFailing',
  'no-data-yet': 'admin.coverage.noDataYet',
} as const satisfies Record<CoverageReason, string>;

const STATE_COLORS = {
  data: 'success',
  stale: 'warning',
  missing: 'default',
} as const;

function cellTooltip(cell: CoverageCell, format: KpiFormat): string {
  const lines = [];
  if (cell.lastDataAt)
    lines.push(
      format.t('admin.coverage.lastData', {
        time: format.dateTime(cell.lastDataAt),
      }),
    );
  if (cell.sources.length)
    lines.push(
      format.t('admin.coverage.fedBy', { sources: cell.sources.join(', ') }),
    );
  return lines.join(' · ');
}

function CoverageCellView(props: {
  cell: CoverageCell | undefined;
  testId: string;
}) {
  const format = useKpiFormat();
  const { t } = format;
  const { cell, testId } = props;
  if (!cell) return <TableCell data-testid={testId}>—</TableCell>;
  const failing = cell.reason === 'source-failing';
  const label = (
    <Chip
      size="small"
      color={failing ? 'error' : STATE_COLORS[cell.state]}
      variant={cell.state === 'missing' && !failing ? 'outlined' : 'filled'}
      label={t(`admin.coverage.${cell.state}`)}
    />
  );
  return (
    <TableCell
      data-testid={testId}
      data-state={cell.state}
      data-reason={cell.reason ?? ''}
      data-sources={cell.sources.join(' ')}
    >
      <Tooltip title={cellTooltip(cell, format)}>
        <span>{label}</span>
      </Tooltip>
      {cell.reason && (
        <Typography
          variant="caption"
          color={failing ? 'error' : 'text.secondary'}
          component="div"
        >
          {t(REASON_KEYS[cell.reason])}
        </Typography>
      )}
    </TableCell>
  );
}

/** Whether a row has a KPI without current data. */
function hasGap(row: CoverageResponse['rows'][number]): boolean {
  return KPI_IDS.some(kpi => row.cells[kpi]?.state !== 'data');
}

/** The coverage matrix and the orphaned data. */
export function CoverageMatrix(props: { coverage: CoverageResponse }) {
  const format = useKpiFormat();
  const { t, count, kpiTitle, dateTime } = format;
  const { coverage } = props;
  const [onlyGaps, setOnlyGaps] = useState(false);

  const totals = { data: 0, stale: 0, missing: 0 };
  for (const row of coverage.rows)
    for (const kpi of KPI_IDS) {
      const state = row.cells[kpi]?.state;
      if (state) totals[state]++;
    }
  const rows = onlyGaps ? coverage.rows.filter(hasGap) : coverage.rows;

  return (
    <Box
      data-testid="admin-coverage"
      sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}
    >
      <Box
        sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}
      >
        <Typography variant="body2" data-testid="admin-coverage-summary">
          {t('admin.coverage.summary', {
            data: count(totals.data),
            stale: count(totals.stale),
            missing: count(totals.missing),
            total: count(totals.data + totals.stale + totals.missing),
          })}{' '}
          {t('admin.coverage.staleAfter', {
            days: count(coverage.staleAfterDays),
          })}
        </Typography>
        <FormControlLabel
          sx={{ ml: 'auto' }}
          control={
            <Switch
              checked={onlyGaps}
              onChange={event => setOnlyGaps(event.target.checked)}
              inputProps={{ 'aria-label': t('admin.coverage.onlyGaps') }}
            />
          }
          label={t('admin.coverage.onlyGaps')}
        />
      </Box>
      {rows.length === 0 ? (
        <Typography color="text.secondary">
          {coverage.rows.length === 0
            ? t('admin.coverage.empty')
            : t('admin.coverage.noGaps')}
        </Typography>
      ) : (
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" data-testid="admin-coverage-table">
            <TableHead>
              <TableRow>
                <TableCell>{t('admin.coverage.entity')}</TableCell>
                {KPI_IDS.map(kpi => (
                  <TableCell key={kpi} sx={{ minWidth: 110 }}>
                    {kpiTitle(kpi)}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map(row => (
                <TableRow
                  key={row.entityRef}
                  data-testid={`coverage-row-${row.entityRef}`}
                  sx={{ verticalAlign: 'top' }}
                >
                  <TableCell>
                    <Typography variant="body2" fontWeight={500}>
                      {row.title}
                    </Typography>
                    <Typography variant="caption" color="text.secondary">
                      {row.entityRef}
                      {row.owner ? ` · ${row.owner}` : ''}
                    </Typography>
                  </TableCell>
                  {KPI_IDS.map(kpi => (
                    <CoverageCellView
                      key={kpi}
                      cell={row.cells[kpi]}
                      testId={`coverage-cell-${kpi}`}
                    />
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}

      <Typography variant="h6" component="h2" sx={{ mt: 2 }}>
        {t('admin.coverage.orphansTitle')}
      </Typography>
      {coverage.orphans.length === 0 ? (
        <Alert severity="success" data-testid="admin-orphans-none">
          {t('admin.coverage.noOrphans')}
        </Alert>
      ) : (
        <>
          <Typography variant="body2" color="text.secondary">
            {t('admin.coverage.orphansDescription')}
          </Typography>
          <Table size="small" data-testid="admin-orphans">
            <TableHead>
              <TableRow>
                <TableCell>{t('admin.coverage.entityRef')}</TableCell>
                <TableCell>{t('admin.coverage.kpis')}</TableCell>
                <TableCell>{t('admin.coverage.lastDataAt')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {coverage.orphans.map(orphan => (
                <TableRow key={orphan.entityRef}>
                  <TableCell>
                    <code>{orphan.entityRef}</code>
                  </TableCell>
                  <TableCell>{orphan.kpis.map(kpiTitle).join(', ')}</TableCell>
                  <TableCell>
                    {orphan.lastDataAt ? dateTime(orphan.lastDataAt) : '—'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </Box>
  );
}
