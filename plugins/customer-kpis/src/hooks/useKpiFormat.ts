// The user's locale and translated texts, bound into the formatting functions that every component uses.
import { useMemo } from 'react';
import { useApiHolder } from '@backstage/core-plugin-api';
import {
  appLanguageApiRef,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import {
  KpiId,
  KpiSummary,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { TranslationRef } from '@backstage/frontend-plugin-api';
import { customerKpisTranslationRef } from '../translations';
import {
  KpiFormatOptions,
  formatAge,
  formatCount,
  formatDateTime,
  formatDay,
  formatKpiDelta,
  formatKpiInterval,
  formatKpiNumber,
  formatKpiValue,
  formatPercent,
} from '../format';

/**
 * The locale to format numbers and dates in: the browser's locale when it speaks the app's language (so that an
 * "en" app in Britain gets British dates), otherwise the app's language.
 */
export function resolveLocale(
  appLanguage: string | undefined,
  preferredLocales: readonly string[],
): string {
  if (!appLanguage) return preferredLocales[0] ?? 'en';
  const primary = appLanguage.split('-')[0].toLocaleLowerCase('en-US');
  const match = preferredLocales.find(
    locale => locale.split('-')[0].toLocaleLowerCase('en-US') === primary,
  );
  return match ?? appLanguage;
}

function browserLocales(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length
    ? navigator.languages
    : [navigator.language].filter(Boolean);
}

/** The user's locale (see {@link resolveLocale}). */
export function useLocale(): string {
  const apis = useApiHolder();
  const appLanguage = apis.get(appLanguageApiRef)?.getLanguage().language;
  return useMemo(
    () => resolveLocale(appLanguage, browserLocales()),
    [appLanguage],
  );
}

const KPI_MESSAGE_KEYS = {
  adoption: 'adoption',
  'time-to-value': 'timeToValue',
  'time-to-resolve': 'timeToResolve',
  'customer-effort': 'customerEffort',
  satisfaction: 'satisfaction',
  retention: 'retention',
  recommend: 'recommend',
} as const satisfies Record<KpiId, string>;

/** A key of the plugin's messages, e.g. 'card.title'. */
export type CustomerKpisMessageKey =
  typeof customerKpisTranslationRef extends TranslationRef<string, infer M>
    ? keyof M & string
    : never;

/**
 * The plugin's translate function. Backstage's typed `t` infers interpolation parameters per key, which costs the
 * type checker gigabytes with keys that are unions (`kpis.${id}.title`); this narrower signature checks the key only.
 */
export type CustomerKpisTranslate = (
  key: CustomerKpisMessageKey,
  params?: Record<string, string>,
) => string;

/** Translations and locale-bound formatters of KPI figures. */
export function useKpiFormat() {
  const translation = useTranslationRef(customerKpisTranslationRef);
  const t = translation.t as unknown as CustomerKpisTranslate;
  const locale = useLocale();
  return useMemo(() => {
    const options: KpiFormatOptions = {
      locale,
      durationLabels: {
        minutes: t('units.minutes'),
        hours: t('units.hours'),
        days: t('units.days'),
      },
    };
    return {
      t,
      locale,
      kpiTitle: (kpi: KpiId) => t(`kpis.${KPI_MESSAGE_KEYS[kpi]}.title`),
      kpiFormula: (kpi: KpiId) => t(`kpis.${KPI_MESSAGE_KEYS[kpi]}.formula`),
      value: (summary: KpiSummary) => formatKpiValue(summary, options),
      number: (
        kpi: KpiId,
        value: number,
        extra?: { scale?: number; bare?: boolean },
      ) => formatKpiNumber(kpi, value, options, extra),
      interval: (summary: KpiSummary) => formatKpiInterval(summary, options),
      delta: (kpi: KpiId, delta: number) => formatKpiDelta(kpi, delta, options),
      count: (value: number) => formatCount(value, locale),
      percent: (value: number, decimals?: number) =>
        formatPercent(value, locale, decimals),
      age: (iso: string, now = new Date()) =>
        formatAge(new Date(iso), now, locale),
      day: (day: string) => formatDay(day, locale),
      dateTime: (iso: string) => formatDateTime(iso, locale),
    };
  }, [t, locale]);
}

/** The formatters returned by {@link useKpiFormat}. */
export type KpiFormat = ReturnType<typeof useKpiFormat>;
