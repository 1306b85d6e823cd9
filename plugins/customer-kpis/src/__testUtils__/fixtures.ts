// Test data: a summary of every KPI with known figures, and entity responses and series built from them.
import {
  EntityKpi,
  EntityKpisResponse,
  KPI_IDS,
  KpiId,
  KpiSeriesResponse,
  KpiSummary,
  KpiSummaryOf,
  SeriesQueryInput,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';

const durationDefaults = {
  targetMinutes: 1440,
  withinTarget: 0,
  withinTargetPercent: null,
  withinTargetInterval: null,
  logMean: null,
  logSd: null,
};

/** Summaries with the figures the formatting examples use: +51, 60.0 %, 3 h, 2.5 d, 5.4 / 7, 42 %, 91.2 %. */
export const summaries: { [K in KpiId]: KpiSummaryOf<K> } = {
  adoption: {
    kpi: 'adoption',
    n: 1000,
    value: 42,
    unit: 'percent',
    secondary: {
      date: '2025-06-29',
      dau: 147,
      wau: 300,
      mau: 420,
      eligible: 1000,
      stickiness: 35,
      gauges: 1,
    },
  },
  'time-to-value': {
    kpi: 'time-to-value',
    n: 64,
    value: 3600,
    unit: 'minutes',
    interval: { low: 2880, high: 4320, level: 0.95, method: 'order-statistic' },
    relativeError: 0.01,
    secondary: {
      ...durationDefaults,
      p50: 3600,
      p90: 7200,
      mean: 4000,
      started: 78,
      reached: 64,
      pending: 14,
      reachedPercent: 82,
    },
  },
  'time-to-resolve': {
    kpi: 'time-to-resolve',
    n: 120,
    value: 180,
    unit: 'minutes',
    basis: 'calendar',
    relativeError: 0.01,
    interval: { low: 120, high: 240, level: 0.95, method: 'order-statistic' },
    secondary: {
      ...durationDefaults,
      p50: 180,
      p90: 1584,
      mean: 610.5,
      calendar: { n: 120, p50: 180, p90: 1584, mean: 610.5 },
      business: { n: 0, p50: null, p90: null, mean: null },
    },
  },
  'customer-effort': {
    kpi: 'customer-effort',
    n: 45,
    value: 5.43,
    unit: 'score',
    interval: { low: 5.1, high: 5.76, level: 0.95, method: 't' },
    secondary: {
      scale: 7,
      mean: 5.43,
      sd: 1.1,
      easy: 35,
      easyPercent: 77.8,
      easyInterval: null,
      distribution: [0, 1, 2, 3, 4, 15, 20],
      otherScale: null,
    },
  },
  satisfaction: {
    kpi: 'satisfaction',
    n: 50,
    value: 60,
    unit: 'percent',
    interval: { low: 46.18, high: 72.39, level: 0.95, method: 'wilson' },
    secondary: { satisfied: 30, mean: 3.5, distribution: [5, 5, 10, 20, 10] },
  },
  retention: {
    kpi: 'retention',
    n: 500,
    value: 91.2,
    unit: 'percent',
    interval: { low: 88.4, high: 93.4, level: 0.95, method: 'wilson' },
    secondary: {
      start: 500,
      end: 476,
      new: 20,
      kept: 456,
      churned: 44,
      periods: 3,
    },
  },
  recommend: {
    kpi: 'recommend',
    n: 51,
    value: 50.98,
    unit: 'nps',
    interval: { low: 31.2, high: 68.1, level: 0.95, method: 'adjusted-wald' },
    secondary: {
      promoters: 32,
      passives: 13,
      detractors: 6,
      promoterPercent: 62.75,
      passivePercent: 25.49,
      detractorPercent: 11.76,
      distribution: [6, 0, 0, 0, 0, 0, 0, 0, 13, 0, 32],
      variance: 0.4963,
      marginOfError: 19.12,
      wald: { low: 31.86, high: 70.1 },
    },
  },
};

/** A summary with no data: n 0, value null, every secondary figure empty. */
export function emptySummary(kpi: KpiId): KpiSummary {
  const base = summaries[kpi];
  const emptyFigure = (value: unknown) => {
    if (typeof value === 'number') return 0;
    if (Array.isArray(value)) return value.map(() => 0);
    return null;
  };
  const secondary = Object.fromEntries(
    Object.entries(base.secondary).map(([key, value]) => [
      key,
      emptyFigure(value),
    ]),
  );
  return {
    ...base,
    n: 0,
    value: null,
    interval: undefined,
    secondary,
  } as KpiSummary;
}

/** An entity KPI with a good status, a sparkline and a recent update. */
export function entityKpi(
  kpi: KpiId,
  overrides: Partial<EntityKpi> = {},
): EntityKpi {
  return {
    kpi,
    summary: summaries[kpi],
    thresholds: { target: 0, warning: 0, source: 'default' },
    status: 'good',
    comparison: {
      previous: null,
      delta: null,
      significant: false,
      change: 'no-significant-change',
      test: 'none',
    },
    sparkline: [
      {
        start: '2025-04-01',
        end: '2025-04-30',
        value: 1,
        n: 10,
        partial: false,
      },
      {
        start: '2025-05-01',
        end: '2025-05-31',
        value: 2,
        n: 10,
        partial: false,
      },
      {
        start: '2025-06-01',
        end: '2025-06-29',
        value: 3,
        n: 10,
        partial: true,
      },
    ],
    lastUpdated: new Date(Date.now() - 60 * 60 * 1000).toISOString(),
    sources: ['demo'],
    ...overrides,
  };
}

/** The response of the entity KPIs route with all seven KPIs (each may be overridden). */
export function entityKpisResponse(
  overrides: Partial<EntityKpisResponse> = {},
  perKpi: Partial<Record<KpiId, Partial<EntityKpi>>> = {},
): EntityKpisResponse {
  return {
    entityRef: 'component:default/checkout-service',
    window: { from: '2025-04-01', to: '2025-06-29', days: 90 },
    previousWindow: { from: '2025-01-01', to: '2025-03-31', days: 90 },
    minimumSample: 30,
    kpis: KPI_IDS.map(kpi => entityKpi(kpi, perKpi[kpi])),
    cci: { value: null, coverage: 0, components: [] },
    bound: true,
    ...overrides,
  };
}

/**
 * A series of `kpi` with two points carrying the KPI's summary, the second partial (it ends today, as the tab asks);
 * the tab always asks for a full range.
 */
export function kpiSeries(
  kpi: KpiId,
  query: SeriesQueryInput,
): KpiSeriesResponse {
  const { from, to, granularity } = query;
  if (!from || !to || !granularity) {
    throw new Error(`a series query without a range: ${JSON.stringify(query)}`);
  }
  return {
    entityRef: 'component:default/checkout-service',
    kpi,
    granularity,
    range: { from, to, days: 30 },
    thresholds: { target: 50, warning: 40, source: 'default' },
    points: [
      { start: from, end: from, partial: false, summary: summaries[kpi] },
      { start: to, end: to, partial: true, summary: summaries[kpi] },
    ],
  };
}

/** A fake fetch response with a JSON error body, as the backend's error handler sends it. */
export function errorResponse(status: number, name: string, message: string) {
  const body = JSON.stringify({
    error: { name, message },
    request: { method: 'GET', url: '/' },
    response: { statusCode: status },
  });
  return {
    ok: false,
    status,
    statusText: name,
    url: 'http://localhost/api/customer-kpis',
    headers: {
      get: (header: string) =>
        header.toLowerCase() === 'content-type' ? 'application/json' : null,
    },
    text: async () => body,
    json: async () => JSON.parse(body),
  } as unknown as Response;
}
