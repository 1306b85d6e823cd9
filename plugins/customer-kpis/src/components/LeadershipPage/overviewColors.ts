// The colours of the overview table: each status's cell tint and every text drawn on it, each readable on that tint
// (WCAG AA, 4.5:1) in the light and the dark theme alike.
import { Theme, alpha } from '@mui/material/styles';
import { KpiStatus } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import {
  opaqueColor,
  readableColor,
  statusColor,
} from '../shared/statusColors';

/** How strongly a cell is tinted with its status's colour: enough to see, little enough for its text to read. */
export const CELL_TINT = 0.12;

/** A cell's background and the colours of the texts on it. */
export interface OverviewCellColors {
  background: string;
  /** The value. */
  value: string;
  /** A greyed value (too little data) and a change that is not significant. */
  muted: string;
  /** A significant change for the better, and its arrow. */
  better: string;
  /** A significant change for the worse, and its arrow. */
  worse: string;
}

const cache = new WeakMap<Theme, Map<string, OverviewCellColors>>();

/** The colours of a cell of a status, or of an untinted cell (`'plain'`: the index). Computed once per theme. */
export function overviewCellColors(
  theme: Theme,
  status: KpiStatus | 'plain',
): OverviewCellColors {
  const known = cache.get(theme) ?? new Map<string, OverviewCellColors>();
  cache.set(theme, known);
  const hit = known.get(status);
  if (hit) return hit;
  const paper = theme.palette.background.paper;
  const background =
    status === 'plain'
      ? opaqueColor(paper, paper)
      : opaqueColor(alpha(statusColor(theme, status), CELL_TINT), paper);
  const on = (color: string) => readableColor(color, background);
  const colors = {
    background,
    value: on(theme.palette.text.primary),
    muted: on(theme.palette.text.secondary),
    better: on(statusColor(theme, 'good')),
    worse: on(statusColor(theme, 'critical')),
  };
  known.set(status, colors);
  return colors;
}
