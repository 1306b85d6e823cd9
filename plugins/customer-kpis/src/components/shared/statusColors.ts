// The colour of each target status, from the MUI theme's palette so that dark mode works.
import { Theme } from '@mui/material/styles';
import { KpiStatus } from '@customer-kpis/backstage-plugin-customer-kpis-common';

/** The main colour of a status: success, warning, error, or grey when there is too little data. */
export function statusColor(theme: Theme, status: KpiStatus): string {
  switch (status) {
    case 'good':
      return theme.palette.success.main;
    case 'warning':
      return theme.palette.warning.main;
    case 'critical':
      return theme.palette.error.main;
    default:
      return theme.palette.grey[500];
  }
}

/** The translation key of a status. */
export const STATUS_MESSAGE_KEYS = {
  good: 'status.good',
  warning: 'status.warning',
  critical: 'status.critical',
  'insufficient-data': 'status.insufficientData',
} as const satisfies Record<KpiStatus, string>;

/** The translation key of an interval method. */
export const METHOD_MESSAGE_KEYS = {
  wilson: 'methods.wilson',
  'adjusted-wald': 'methods.adjustedWald',
  t: 'methods.t',
  'order-statistic': 'methods.orderStatistic',
} as const;
