// A card of the products some owners own, with the seven KPIs each: the body of a team's card and of a user's home
// card, which differ only in whose products they list and what they say when there are none.
import { useId } from 'react';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useApi } from '@backstage/core-plugin-api';
import { customerKpisApiRef } from '../../api';
import { CustomerKpisMessageKey, useKpiFormat } from '../../hooks/useKpiFormat';
import { useLoader } from '../../hooks/useLoader';
import { isNotAllowed } from '../shared/kpiState';
import { LoadError, NoPermission } from '../shared/StateMessages';
import { OwnedKpisTable } from './OwnedKpisTable';

/** The window of the owned-products cards, as on the entity card. */
const OWNED_WINDOW = '90d';

/** Props of {@link OwnedKpisCard}. */
export interface OwnedKpisCardProps {
  /** The owners' entity refs; undefined while they are still being found (the signed-in user's). */
  owners: readonly string[] | undefined;
  title: CustomerKpisMessageKey;
  /** What the card says when the owners own nothing the user can see. */
  empty: CustomerKpisMessageKey;
  testId: string;
  /** An error in finding the owners. */
  ownersError?: Error;
  /**
   * Whether the card draws its own frame (default); a home page widget has the home page's frame, with the card's
   * heading inside it.
   */
  framed?: boolean;
}

/** The card; it asks for the owners' products once it knows the owners. */
export function OwnedKpisCard(props: OwnedKpisCardProps) {
  const { owners, title, empty, testId, ownersError, framed = true } = props;
  const api = useApi(customerKpisApiRef);
  const format = useKpiFormat();
  const titleId = useId();
  const key = owners?.join(' ');
  const { loading, value, error, retry } = useLoader(
    async () =>
      owners && owners.length > 0
        ? api.getOwnedKpis({ owner: [...owners], window: OWNED_WINDOW })
        : undefined,
    [api, key],
  );
  const failure = ownersError ?? error;

  let body;
  if (failure) {
    body = isNotAllowed(failure) ? (
      <NoPermission />
    ) : (
      <LoadError error={failure} onRetry={ownersError ? undefined : retry} />
    );
  } else if (owners?.length === 0 || (value && value.rows.length === 0)) {
    body = (
      <Typography
        variant="body2"
        color="text.secondary"
        data-testid="owned-kpis-empty"
      >
        {format.t(empty)}
      </Typography>
    );
  } else if (value) {
    body = (
      <>
        <OwnedKpisTable
          rows={value.rows}
          minimumSample={value.minimumSample}
          format={format}
          labelledBy={titleId}
        />
        {value.rows.some(row => row.kind === 'system') && (
          <Typography
            variant="caption"
            color="text.secondary"
            component="p"
            sx={{ mt: 1 }}
          >
            {format.t('owned.systemsPooled')}
          </Typography>
        )}
        {value.total > value.rows.length && (
          <Typography
            variant="caption"
            color="text.secondary"
            component="p"
            data-testid="owned-kpis-truncated"
          >
            {format.t('owned.truncated', {
              shown: format.count(value.rows.length),
              total: format.count(value.total),
            })}
          </Typography>
        )}
      </>
    );
  }

  const content = (
    <>
      <CardHeader
        title={format.t(title)}
        titleTypographyProps={{ id: titleId, component: 'h2' }}
        subheader={
          value && !failure
            ? format.t('card.subheader', {
                from: format.day(value.window.from),
                to: format.day(value.window.to),
                days: format.count(value.window.days),
              })
            : undefined
        }
        // Unframed, it sits in the home page's card, which pads its content already.
        sx={framed ? undefined : { px: 0, pt: 0 }}
      />
      {(loading || (!owners && !ownersError)) && (
        <LinearProgress data-testid="customer-kpis-loading" />
      )}
      {framed ? <CardContent>{body}</CardContent> : body}
    </>
  );
  return framed ? (
    <Card data-testid={testId} variant="outlined">
      {content}
    </Card>
  ) : (
    <Box data-testid={testId}>{content}</Box>
  );
}
