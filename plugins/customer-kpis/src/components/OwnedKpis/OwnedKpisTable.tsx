// The table of what a team or a user owns: one row per system or component with the seven KPIs, each cell as the
// leadership page shows it (value tinted by status, change against the window before), the name linking to the
// entity's page. Compact, and scrolling sideways in its own box when the card is narrower than the table.
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router-dom';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import {
  KPI_IDS,
  OwnedOverviewResponse,
  OverviewRow,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { KpiFormat } from '../../hooks/useKpiFormat';
import { customerKpisTranslationRef } from '../../translations/ref';
import {
  KpiValueCell,
  overviewCellsStyles,
} from '../LeadershipPage/OverviewCells';

// Words break between words only, so that a KPI's title never stands one letter per line.
const HEADER_CELL = {
  verticalAlign: 'bottom',
  lineHeight: 1.2,
  overflowWrap: 'normal',
  wordBreak: 'normal',
} as const;

/** Props of {@link OwnedKpisTable}. */
export interface OwnedKpisTableProps {
  rows: readonly OverviewRow[];
  /** The sample below which a cell is greyed. */
  minimumSample: OwnedOverviewResponse['minimumSample'];
  format: KpiFormat;
  /** The id of the heading that names the table. */
  labelledBy?: string;
}

function NameCell(props: {
  row: OverviewRow;
  href: string;
  format: KpiFormat;
}) {
  const { row, href, format } = props;
  // Backstage's own t for the counted kind: its plural form follows a numeric count.
  const { t: counted } = useTranslationRef(customerKpisTranslationRef);
  return (
    <TableCell component="th" scope="row" sx={{ minWidth: 140 }}>
      <Link
        component={RouterLink}
        to={href}
        underline="hover"
        data-testid="owned-kpis-link"
        sx={{ fontWeight: 500 }}
      >
        {row.title}
      </Link>
      <Typography
        variant="caption"
        color="text.secondary"
        component="div"
        data-testid="owned-kpis-kind"
      >
        {row.kind === 'system'
          ? counted('owned.systemOf', { count: row.entityCount })
          : format.t('owned.component')}
      </Typography>
    </TableCell>
  );
}

/** The rows of owned systems and components with their seven KPIs. */
export function OwnedKpisTable(props: OwnedKpisTableProps) {
  const { rows, minimumSample, format, labelledBy } = props;
  const entityLink = useEntityRefLink();
  return (
    <TableContainer sx={{ overflowX: 'auto' }}>
      <Table
        size="small"
        aria-labelledby={labelledBy}
        data-testid="owned-kpis-table"
        sx={theme => ({
          '& .MuiTableCell-root': { px: 1 },
          ...overviewCellsStyles(theme),
        })}
      >
        <TableHead>
          <TableRow>
            <TableCell sx={HEADER_CELL}>
              {format.t('leadership.columns.name')}
            </TableCell>
            {KPI_IDS.map(kpi => (
              <TableCell
                key={kpi}
                align="right"
                sx={{ ...HEADER_CELL, minWidth: 64 }}
                data-testid={`owned-kpis-header-${kpi}`}
              >
                {format.kpiTitle(kpi)}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(row => (
            <TableRow
              key={row.ref}
              data-testid="owned-kpis-row"
              data-ref={row.ref}
            >
              <NameCell row={row} href={entityLink(row.ref)} format={format} />
              {KPI_IDS.map(kpi => (
                <KpiValueCell
                  key={kpi}
                  kpi={kpi}
                  cell={row.kpis[kpi]}
                  rollup="pooled"
                  format={format}
                  minimumSample={minimumSample}
                />
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
