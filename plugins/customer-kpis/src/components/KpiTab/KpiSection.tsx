// One KPI on the tab: its headline over the window, the series chart for the chosen range, and its detail figures.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useApi } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { EntityKpi } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { customerKpisApiRef, KpiSeriesQuery } from '../../api';
import { KpiFormat } from '../../hooks/useKpiFormat';
import { useLoader } from '../../hooks/useLoader';
import { errorMessage } from '../shared/kpiState';
import { STATUS_MESSAGE_KEYS } from '../shared/statusColors';
import { KpiDetails } from './KpiDetails';
import { KpiSeriesChart } from './KpiSeriesChart';

/** Props of {@link KpiSection}. */
export interface KpiSectionProps {
  entityRef: CompoundEntityRef;
  kpi: EntityKpi;
  query: KpiSeriesQuery;
  format: KpiFormat;
  /** Changes when the user asks for fresh data. */
  reloadKey: number;
}

/** The section of one KPI on the tab. */
export function KpiSection(props: KpiSectionProps) {
  const { entityRef, kpi, query, format, reloadKey } = props;
  const api = useApi(customerKpisApiRef);
  const { kind, namespace, name } = entityRef;
  const series = useLoader(
    () => api.getKpiSeries(entityRef, kpi.kpi, query),
    [
      api,
      kind,
      namespace,
      name,
      kpi.kpi,
      query.from,
      query.to,
      query.granularity,
      reloadKey,
    ],
  );
  const value = format.value(kpi.summary);
  const hasPoints = series.value?.points.some(
    point => point.summary.value !== null,
  );

  return (
    <Card variant="outlined" data-testid={`kpi-section-${kpi.kpi}`}>
      <CardHeader
        title={format.kpiTitle(kpi.kpi)}
        subheader={format.kpiFormula(kpi.kpi)}
        action={
          <Box sx={{ textAlign: 'right', pr: 1 }}>
            <Typography variant="h5" component="div">
              {value ?? format.t('tile.noValue')}
            </Typography>
            <Typography variant="caption" color="text.secondary">
              {format.t('tile.n', { n: format.count(kpi.summary.n) })} ·{' '}
              {format.t(STATUS_MESSAGE_KEYS[kpi.status])}
            </Typography>
          </Box>
        }
      />
      {series.loading && <LinearProgress />}
      <CardContent>
        {series.error && (
          <Alert severity="error">
            {format.t('tab.seriesError', {
              message: errorMessage(series.error),
            })}
          </Alert>
        )}
        {series.value && !hasPoints && (
          <Typography variant="body2" color="text.secondary">
            {format.t('tab.noPoints')}
          </Typography>
        )}
        {series.value && hasPoints && (
          <KpiSeriesChart series={series.value} format={format} />
        )}
        <KpiDetails
          summary={kpi.summary}
          series={series.value}
          format={format}
        />
      </CardContent>
    </Card>
  );
}
