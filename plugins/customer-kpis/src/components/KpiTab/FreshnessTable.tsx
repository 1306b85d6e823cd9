// The table of the entity's data sources with the KPIs each feeds and the age of its newest data.
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { EntityKpisResponse } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { KpiFormat } from '../../hooks/useKpiFormat';
import { isStale } from '../shared/kpiState';
import { sourceFreshness } from './freshness';

/** Data freshness per source of the entity. */
export function FreshnessTable(props: {
  response: EntityKpisResponse;
  format: KpiFormat;
  now: Date;
}) {
  const { response, format, now } = props;
  const { t } = format;
  const rows = sourceFreshness(response);
  if (rows.length === 0)
    return (
      <Typography variant="body2">{t('tab.freshness.noSources')}</Typography>
    );
  return (
    <Table size="small" data-testid="customer-kpis-freshness">
      <TableHead>
        <TableRow>
          <TableCell>{t('tab.freshness.source')}</TableCell>
          <TableCell>{t('tab.freshness.kpis')}</TableCell>
          <TableCell>{t('tab.freshness.lastUpdated')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(row => (
          <TableRow key={row.source} data-testid={`freshness-${row.source}`}>
            <TableCell>
              <code>{row.source}</code>
            </TableCell>
            <TableCell>{row.kpis.map(format.kpiTitle).join(', ')}</TableCell>
            <TableCell
              title={
                row.lastUpdated ? format.dateTime(row.lastUpdated) : undefined
              }
            >
              {row.lastUpdated
                ? format.age(row.lastUpdated, now)
                : t('tab.freshness.never')}
              {isStale(row.lastUpdated, now) && (
                <Chip
                  size="small"
                  color="warning"
                  label={t('tab.freshness.stale')}
                  sx={{ ml: 1 }}
                />
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
