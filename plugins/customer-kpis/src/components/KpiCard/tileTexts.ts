// The words a tile shows without hover — status, target, interval — and its accessible name, built from the same texts
// so that what a screen reader announces is what a sighted user reads.
import {
  EntityKpi,
  KpiSummary,
  kpiDefinitions,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { KpiFormat } from '../../hooks/useKpiFormat';
import { STATUS_MESSAGE_KEYS } from '../shared/statusColors';

const NBSP = '\u00a0';

/** The target with the side of it that is good: "target ≥ +30" for a higher-is-better KPI, "target ≤ 1 d" else. */
export function targetText(kpi: EntityKpi, format: KpiFormat): string {
  const { summary } = kpi;
  const target = format.number(kpi.kpi, kpi.thresholds.target, {
    scale:
      summary.kpi === 'customer-effort' ? summary.secondary.scale : undefined,
  });
  const side = kpiDefinitions[kpi.kpi].direction === 'higher' ? '≥' : '≤';
  return format.t('tile.target', { target: `${side}${NBSP}${target}` });
}

/** The status in words: "On target", "Warning", "Critical", "Insufficient data". */
export function statusText(kpi: EntityKpi, format: KpiFormat): string {
  return format.t(STATUS_MESSAGE_KEYS[kpi.status]);
}

/**
 * The 95% interval in short, or undefined when the KPI gives none (no data; adoption, a count of every user). The
 * effort score's bounds leave out the scale, which the value beside them already shows ("5.1 to 5.8", not "5.1 / 7
 * to 5.8 / 7"), so that the line fits a narrow tile.
 */
export function intervalText(
  summary: KpiSummary,
  format: KpiFormat,
): string | undefined {
  if (!summary.interval || summary.value === null) return undefined;
  const bound = (value: number) =>
    format.number(summary.kpi, value, {
      bare: summary.kpi === 'customer-effort',
    });
  return format.t('tile.intervalShort', {
    low: bound(summary.interval.low),
    high: bound(summary.interval.high),
  });
}

/** The figures of a tile, as shown on it; `value` undefined when there is no data. */
export interface TileTexts {
  value: string | undefined;
  n: string;
  interval: string | undefined;
  status: string;
  target: string;
  /** The significant change, as its arrow names it; undefined when there is none. */
  change: string | undefined;
}

/**
 * The accessible name of a tile: "NPS: +51, n = 51, 95% CI: +31 to +68, On target, target ≥ +30" — the title, then
 * every figure the tile shows without hover, in the order it shows them.
 */
export function tileName(
  kpi: EntityKpi,
  texts: TileTexts,
  format: KpiFormat,
): string {
  const head = format.t('tile.name', {
    title: format.kpiTitle(kpi.kpi),
    value: texts.value ?? format.t('tile.noValue'),
  });
  return [
    head,
    texts.change,
    texts.n,
    texts.interval,
    texts.status,
    texts.target,
  ]
    .filter((part): part is string => Boolean(part))
    .join(', ');
}
