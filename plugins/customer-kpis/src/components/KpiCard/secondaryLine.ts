// The secondary figure under each tile's value: stickiness, p90, % easy, mean, promoters and detractors, customers
// kept. Not the NPS margin: the tile shows every KPI's interval beside n.
import { KpiSummary } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { KpiFormat } from '../../hooks/useKpiFormat';
import { formatScore } from '../../format';

/** The secondary figure of a summary, or undefined when it has none. */
export function secondaryLine(
  summary: KpiSummary,
  format: KpiFormat,
): string | undefined {
  const { t, number, percent, locale } = format;
  switch (summary.kpi) {
    case 'adoption':
      return summary.secondary.stickiness === null
        ? undefined
        : t('secondary.stickiness', {
            value: percent(summary.secondary.stickiness, 0),
          });
    case 'time-to-value': {
      const parts: string[] = [];
      if (summary.secondary.p90 !== null)
        parts.push(
          t('secondary.p90', {
            value: number(summary.kpi, summary.secondary.p90),
          }),
        );
      if (summary.secondary.reachedPercent !== null)
        parts.push(
          t('secondary.reached', {
            value: percent(summary.secondary.reachedPercent, 0),
          }),
        );
      return parts.join(' · ') || undefined;
    }
    case 'time-to-resolve': {
      const parts: string[] = [];
      if (summary.secondary.p90 !== null)
        parts.push(
          t('secondary.p90', {
            value: number(summary.kpi, summary.secondary.p90),
          }),
        );
      parts.push(
        t(
          summary.basis === 'business'
            ? 'secondary.business'
            : 'secondary.calendar',
        ),
      );
      return parts.join(' · ');
    }
    case 'customer-effort':
      return summary.secondary.easyPercent === null
        ? undefined
        : t('secondary.easy', {
            value: percent(summary.secondary.easyPercent, 0),
          });
    case 'satisfaction':
      return summary.secondary.mean === null
        ? undefined
        : t('secondary.mean', {
            value: formatScore(summary.secondary.mean, 5, locale),
          });
    case 'retention':
      return summary.secondary.start === 0
        ? undefined
        : t('secondary.kept', {
            kept: format.count(summary.secondary.kept),
            start: format.count(summary.secondary.start),
          });
    case 'recommend':
      return summary.secondary.promoterPercent === null ||
        summary.secondary.detractorPercent === null
        ? undefined
        : t('secondary.promoters', {
            promoters: percent(summary.secondary.promoterPercent, 0),
            detractors: percent(summary.secondary.detractorPercent, 0),
          });
    default:
      return undefined;
  }
}
