// The entity card with the seven customer KPIs of a catalog entity, or the state that explains why there are none.
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useApi } from '@backstage/core-plugin-api';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { EntityKpisResponse } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { customerKpisApiRef } from '../../api';
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
import { KpiTile } from './KpiTile';

/** The window of the card, as the API spells it. */
const CARD_WINDOW = '90d';

/** The narrowest tile of the grid, in px: the width at which every line of a tile must wrap, not be cut. */
export const MIN_TILE_WIDTH = 170;

function CardBody(props: { response: EntityKpisResponse; now: Date }) {
  const { response, now } = props;
  const state = entityKpisState(response, now);
  if (state.kind === 'unbound') return <SetupHint />;
  if (state.kind === 'no-data') return <NoDataYet />;
  return (
    <>
      {state.stale && <StaleData lastUpdated={state.lastUpdated} />}
      <Box
        data-testid="customer-kpis-tiles"
        sx={{
          display: 'grid',
          gap: 1.5,
          // Tiles of at least 170px (one column in a card narrower than that, as the entity page's side column
          // can be), so that each line of a tile wraps at a known width instead of overflowing the card.
          gridTemplateColumns: `repeat(auto-fill, minmax(min(${MIN_TILE_WIDTH}px, 100%), 1fr))`,
        }}
      >
        {response.kpis.map(kpi => (
          <KpiTile
            key={kpi.kpi}
            kpi={kpi}
            minimumSample={response.minimumSample}
            now={now}
          />
        ))}
      </Box>
    </>
  );
}

/** The customer KPIs card of the current entity (use on an entity page). */
export function EntityCustomerKpisCard() {
  const { entity } = useEntity();
  const api = useApi(customerKpisApiRef);
  const format = useKpiFormat();
  const entityRef = stringifyEntityRef(entity);
  const { loading, value, error, retry } = useLoader(
    () =>
      api.getEntityKpis(getCompoundEntityRef(entity), { window: CARD_WINDOW }),
    [api, entityRef],
  );

  let body;
  if (error) {
    body = isNotAllowed(error) ? (
      <NoPermission />
    ) : (
      <LoadError error={error} onRetry={retry} />
    );
  } else if (value) {
    body = <CardBody response={value} now={new Date()} />;
  }

  return (
    <Card data-testid="customer-kpis-card" variant="outlined">
      <CardHeader
        title={format.t('card.title')}
        subheader={
          value && !error
            ? format.t('card.subheader', {
                from: format.day(value.window.from),
                to: format.day(value.window.to),
                days: format.count(value.window.days),
              })
            : undefined
        }
      />
      {loading && <LinearProgress data-testid="customer-kpis-loading" />}
      <CardContent>
        {value?.members ? (
          <Typography
            variant="body2"
            color="text.secondary"
            sx={{ mb: 1 }}
            data-testid="customer-kpis-members"
          >
            {format.t('card.members', { count: format.count(value.members) })}
          </Typography>
        ) : null}
        {body}
      </CardContent>
    </Card>
  );
}
