// The "Customer KPIs" tab of an entity: per KPI a time series over 30 days, 90 days or 12 months with target line,
// interval band and the KPI's own figures; data freshness per source; and "refresh now" for source managers.
import { useMemo, useState } from 'react';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import { useApi } from '@backstage/core-plugin-api';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { customerKpisApiRef, KpiWindow, SeriesGranularity } from '../../api';
import { useKpiFormat } from '../../hooks/useKpiFormat';
import { useLoader } from '../../hooks/useLoader';
import { entityKpisState, isNotAllowed } from '../shared/kpiState';
import {
  LoadError,
  NoDataYet,
  NoPermission,
  SetupHint,
  StaleData,
} from '../shared/StateMessages';
import { entitySourceIds } from './freshness';
import { FreshnessTable } from './FreshnessTable';
import { KpiSection } from './KpiSection';
import { RefreshNowButton } from './RefreshNowButton';
import { TAB_WINDOWS, defaultGranularity, seriesRange } from './seriesRange';

const WINDOW_MESSAGE_KEYS = {
  '30d': 'tab.windows.d30',
  '90d': 'tab.windows.d90',
  '12m': 'tab.windows.m12',
} as const;

const GRANULARITIES: readonly SeriesGranularity[] = ['day', 'week', 'month'];

/** The customer KPIs tab of the current entity (use as entity page content). */
export function EntityCustomerKpisContent() {
  const { entity } = useEntity();
  const api = useApi(customerKpisApiRef);
  const format = useKpiFormat();
  const { t } = format;
  const [window, setWindow] = useState<KpiWindow>('90d');
  const [granularity, setGranularity] = useState<SeriesGranularity>(
    defaultGranularity('90d'),
  );
  const [reloadKey, setReloadKey] = useState(0);
  const entityRef = useMemo(() => getCompoundEntityRef(entity), [entity]);
  const refString = stringifyEntityRef(entity);

  const kpis = useLoader(
    () => api.getEntityKpis(entityRef, { window }),
    [api, refString, window, reloadKey],
  );
  const now = new Date();
  const range = seriesRange(window, now);
  const query = { ...range, granularity };

  const changeWindow = (next: KpiWindow | null) => {
    if (!next || next === window) return;
    setWindow(next);
    setGranularity(defaultGranularity(next));
  };

  const response = kpis.value;
  const state =
    response && !kpis.error ? entityKpisState(response, now) : undefined;

  return (
    <Box data-testid="customer-kpis-tab" sx={{ display: 'grid', gap: 2 }}>
      <Box
        sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}
      >
        <ToggleButtonGroup
          exclusive
          size="small"
          value={window}
          onChange={(_event, next) => changeWindow(next)}
          aria-label={t('tab.window')}
          data-testid="customer-kpis-window"
        >
          {TAB_WINDOWS.map(option => (
            <ToggleButton
              key={option}
              value={option}
              data-testid={`customer-kpis-window-${option}`}
            >
              {t(WINDOW_MESSAGE_KEYS[option])}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        <FormControl size="small" sx={{ minWidth: 140 }}>
          <InputLabel id="customer-kpis-granularity-label">
            {t('tab.granularity')}
          </InputLabel>
          <Select
            labelId="customer-kpis-granularity-label"
            label={t('tab.granularity')}
            value={granularity}
            onChange={event =>
              setGranularity(event.target.value as SeriesGranularity)
            }
            data-testid="customer-kpis-granularity"
          >
            {GRANULARITIES.map(option => (
              <MenuItem key={option} value={option}>
                {t(`tab.granularities.${option}`)}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        {response && state?.kind === 'ready' && (
          <RefreshNowButton
            sourceIds={entitySourceIds(response)}
            format={format}
            onDone={() => setReloadKey(key => key + 1)}
          />
        )}
      </Box>
      {kpis.loading && <LinearProgress data-testid="customer-kpis-loading" />}
      {kpis.error &&
        (isNotAllowed(kpis.error) ? (
          <NoPermission />
        ) : (
          <LoadError error={kpis.error} onRetry={kpis.retry} />
        ))}
      {state?.kind === 'unbound' && <SetupHint />}
      {state?.kind === 'no-data' && <NoDataYet />}
      {response && state?.kind === 'ready' && (
        <>
          {state.stale && <StaleData lastUpdated={state.lastUpdated} />}
          {response.kpis.map(kpi => (
            <KpiSection
              key={kpi.kpi}
              entityRef={entityRef}
              kpi={kpi}
              query={query}
              format={format}
              reloadKey={reloadKey}
            />
          ))}
          <Card variant="outlined">
            <CardHeader title={t('tab.freshness.title')} />
            <CardContent>
              <FreshnessTable response={response} format={format} now={now} />
            </CardContent>
          </Card>
        </>
      )}
    </Box>
  );
}
