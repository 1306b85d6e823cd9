// The key to the overview table's colours and marks: what each status tint means, what a greyed cell is (below
// the minimum sample, or no data), how changes are marked, and what a dash in place of a change says.
import Box from '@mui/material/Box';
import { useTheme } from '@mui/material/styles';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import { KpiStatus } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { KpiFormat } from '../../hooks/useKpiFormat';
import { STATUS_MESSAGE_KEYS } from '../shared/statusColors';
import { overviewCellColors } from './overviewColors';

const STATUSES: readonly Exclude<KpiStatus, 'insufficient-data'>[] = [
  'good',
  'warning',
  'critical',
];

function Swatch(props: { status: KpiStatus }) {
  const theme = useTheme();
  return (
    <Box
      component="span"
      aria-hidden="true"
      sx={{
        display: 'inline-block',
        width: 14,
        height: 14,
        mr: 0.5,
        verticalAlign: 'text-bottom',
        border: 1,
        borderColor: 'divider',
        bgcolor: overviewCellColors(theme, props.status).background,
      }}
    />
  );
}

/** The legend above the table. */
export function OverviewLegend(props: {
  format: KpiFormat;
  minimumSample: number;
}) {
  const { format, minimumSample } = props;
  const { t } = format;
  const theme = useTheme();
  const plain = overviewCellColors(theme, 'plain');
  return (
    <Box
      component="ul"
      aria-label={t('leadership.legend.title')}
      data-testid="overview-legend"
      sx={{
        listStyle: 'none',
        m: 0,
        px: 1,
        py: 1,
        display: 'flex',
        flexWrap: 'wrap',
        columnGap: 2,
        rowGap: 0.5,
        typography: 'caption',
        color: 'text.secondary',
      }}
    >
      {STATUSES.map(status => (
        <li key={status} data-testid={`overview-legend-${status}`}>
          <Swatch status={status} />
          {t(STATUS_MESSAGE_KEYS[status])}
        </li>
      ))}
      <li data-testid="overview-legend-greyed">
        <Swatch status="insufficient-data" />
        {t('leadership.legend.greyed', { min: format.count(minimumSample) })}
      </li>
      <li data-testid="overview-legend-changes">
        <Box
          component="span"
          aria-hidden="true"
          sx={{ color: plain.better, verticalAlign: 'text-bottom' }}
        >
          <ArrowUpwardIcon sx={{ fontSize: '0.9rem' }} />
        </Box>
        {t('leadership.legend.changes')}
      </li>
      <li data-testid="overview-legend-no-change">
        <Box component="span" aria-hidden="true" sx={{ mr: 0.5 }}>
          —
        </Box>
        {t('leadership.change.noPrevious')}
      </li>
    </Box>
  );
}
