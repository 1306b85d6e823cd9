// The colour of each target status, from the MUI theme's palette so that dark mode works, made dark enough (light
// enough on a dark theme) to be read as text on the card's background: WCAG AA, 4.5:1.
import {
  Theme,
  darken,
  decomposeColor,
  getContrastRatio,
  getLuminance,
  hslToRgb,
  lighten,
  recomposeColor,
} from '@mui/material/styles';
import { KpiStatus } from '@customer-kpis/backstage-plugin-customer-kpis-common';

/** WCAG AA: the least contrast of normal-size text with its background. */
export const TEXT_CONTRAST = 4.5;

// MUI rounds luminance to three decimals, which can overstate a ratio by a hundredth: aim a little higher.
const MARGIN = 1.02;

/** `color` as drawn over the opaque `background`: a translucent colour blended in, an opaque one as it is. */
export function opaqueColor(color: string, background: string): string {
  const rgb = (c: string) =>
    decomposeColor(c.startsWith('hsl') ? hslToRgb(c) : c);
  const fg = rgb(color);
  const opacity = fg.values[3] ?? 1;
  if (opacity >= 1)
    return recomposeColor({
      type: 'rgb',
      values: fg.values.slice(0, 3) as [number, number, number],
    });
  const bg = rgb(background);
  const values = [0, 1, 2].map(i =>
    Math.round(fg.values[i] * opacity + bg.values[i] * (1 - opacity)),
  ) as [number, number, number];
  return recomposeColor({ type: 'rgb', values });
}

/**
 * `color` (drawn over `background`) darkened on a light background, lightened on a dark one, in steps of 10 %,
 * until it reaches `ratio` against `background`; as it is when it already does.
 */
export function readableColor(
  color: string,
  background: string,
  ratio: number = TEXT_CONTRAST,
): string {
  let result = opaqueColor(color, background);
  const onLight = getLuminance(background) > 0.18;
  for (
    let step = 0;
    step < 30 && getContrastRatio(result, background) < ratio * MARGIN;
    step++
  ) {
    result = onLight ? darken(result, 0.1) : lighten(result, 0.1);
  }
  return result;
}

/** The theme's colour of a status: success, warning, error, or grey when there is too little data. */
function paletteColor(theme: Theme, status: KpiStatus): string {
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

/**
 * The colour of a status, readable as text on the theme's paper (the theme's own colour where it already is, e.g.
 * MUI's green; its warning orange and grey are darkened).
 */
export function statusColor(theme: Theme, status: KpiStatus): string {
  return readableColor(
    paletteColor(theme, status),
    theme.palette.background.paper,
  );
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
