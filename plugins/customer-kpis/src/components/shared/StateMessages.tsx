// The messages shown instead of KPI values: setup hint, no data yet, no permission, error, stale data.
import { Fragment } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import {
  CUSTOMER_KPIS_BINDING_GROUPS,
  TARGET_ANNOTATION_PREFIX,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { useKpiFormat } from '../../hooks/useKpiFormat';
import { errorMessage } from './kpiState';

/** No binding annotation and no data: how to bind the entity to a data source. */
export function SetupHint() {
  const { t } = useKpiFormat();
  return (
    <Alert severity="info" data-testid="customer-kpis-setup-hint">
      <AlertTitle>{t('states.setupTitle')}</AlertTitle>
      <Typography variant="body2">{t('states.setupDescription')}</Typography>
      {/* One line per source type, in columns where the card is wide enough: twelve annotations stay readable. */}
      <Box
        component="ul"
        data-testid="customer-kpis-setup-annotations"
        sx={{
          my: 1,
          pl: 2.5,
          columnWidth: '18rem',
          columnGap: 3,
          typography: 'body2',
          '& li': { breakInside: 'avoid', mb: 0.25 },
        }}
      >
        {CUSTOMER_KPIS_BINDING_GROUPS.map(group => (
          <li key={group.sourceType} data-source-type={group.sourceType}>
            <strong>{t(`states.setupSources.${group.sourceType}`)}</strong>
            {': '}
            {group.annotations.map((annotation, index) => (
              <Fragment key={annotation}>
                {index > 0 && ', '}
                <code>{annotation}</code>
              </Fragment>
            ))}
          </li>
        ))}
      </Box>
      <Typography variant="body2">
        {t('states.setupTargets', {
          example: `${TARGET_ANNOTATION_PREFIX}recommend: "30/0"`,
        })}
      </Typography>
    </Alert>
  );
}

/** Bound, but nothing has arrived yet. */
export function NoDataYet() {
  const { t } = useKpiFormat();
  return (
    <Alert severity="info" data-testid="customer-kpis-no-data">
      <AlertTitle>{t('states.noDataTitle')}</AlertTitle>
      {t('states.noDataDescription')}
    </Alert>
  );
}

/** The API answered 403. */
export function NoPermission() {
  const { t } = useKpiFormat();
  return (
    <Alert severity="warning" data-testid="customer-kpis-no-permission">
      <AlertTitle>{t('states.noPermissionTitle')}</AlertTitle>
      {t('states.noPermissionDescription')}
    </Alert>
  );
}

/** Any other failure, with the error's message and a retry. */
export function LoadError(props: { error: Error; onRetry?: () => void }) {
  const { t } = useKpiFormat();
  return (
    <Alert
      severity="error"
      data-testid="customer-kpis-error"
      action={
        props.onRetry ? (
          <Button color="inherit" size="small" onClick={props.onRetry}>
            {t('states.retry')}
          </Button>
        ) : undefined
      }
    >
      <AlertTitle>{t('states.errorTitle')}</AlertTitle>
      {errorMessage(props.error)}
    </Alert>
  );
}

/** Even the newest data is old; shown above the values. */
export function StaleData(props: { lastUpdated: string }) {
  const { t, age, dateTime } = useKpiFormat();
  return (
    <Alert
      severity="warning"
      data-testid="customer-kpis-stale"
      sx={{ mb: 2 }}
      title={dateTime(props.lastUpdated)}
    >
      <AlertTitle>{t('states.staleTitle')}</AlertTitle>
      {t('states.staleDescription', { age: age(props.lastUpdated) })}
    </Alert>
  );
}
