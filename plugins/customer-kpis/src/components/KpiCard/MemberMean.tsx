// Under a system's or domain's tile: the unweighted mean of its components beside the pooled value, as the leadership
// page's "Unweighted mean" rollup shows it, so that one large component cannot hide the others.
import Typography from '@mui/material/Typography';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityKpi } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { KpiFormat } from '../../hooks/useKpiFormat';
import { customerKpisTranslationRef } from '../../translations/ref';

/** The members' mean of a rolled-up entity's KPI; nothing for a component, or when no member has a value. */
export function MemberMean(props: { kpi: EntityKpi; format: KpiFormat }) {
  const { kpi, format } = props;
  // Backstage's own t for the counted help: its plural form follows a numeric count.
  const { t: counted } = useTranslationRef(customerKpisTranslationRef);
  const mean = kpi.memberMean;
  if (!mean || mean.value === null) return null;
  const { summary } = kpi;
  const value = format.number(kpi.kpi, mean.value, {
    scale:
      summary.kpi === 'customer-effort' ? summary.secondary.scale : undefined,
  });
  return (
    <Typography
      variant="caption"
      color="text.secondary"
      component="div"
      data-testid={`kpi-member-mean-${kpi.kpi}`}
      title={counted('card.memberMeanHelp', { count: mean.members })}
      sx={{ overflowWrap: 'anywhere' }}
    >
      {format.t('card.memberMean', { value })}
    </Typography>
  );
}
