// Builds `GET /entities/{kind}/{namespace}/{name}/kpis`: the seven KPIs of one entity over a window.
import {
  EntityKpisResponse,
  KPI_IDS,
  KpiId,
  addDaysToDay,
  aggregatorFor,
  customerCentricityIndex,
  resolveWeights,
  utcDay,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { DayAggregate, KpiStore, WindowAggregates } from '../database/KpiStore';
import { CustomerKpisSettings } from '../config';
import { kpiView, summariseOptions } from './kpiView';
import { slicesEnding, summarisePeriods } from './periods';

/** About 12 points per sparkline: a week a point for 90 days, a month for a year. */
export function sparklineStep(windowDays: number): number {
  return Math.max(1, Math.round(windowDays / 12));
}

/** What the builder needs to know about the entity. */
export interface EntityContext {
  entityRef: string;
  annotations: Record<string, string>;
  system?: string;
  domain?: string;
  /** Whether an annotation binds the entity to a data source. */
  bound: boolean;
  /** Entities rolled up into this one (a system's or domain's components), pooled with its own data. */
  members?: string[];
}

/** Pools the window aggregates of several entities, KPI by KPI (each list is in the same KPI order). */
function mergeWindows(perEntity: WindowAggregates[][]): WindowAggregates[] {
  const [own, ...others] = perEntity;
  return own.map((window, i) => {
    const aggregator = aggregatorFor(window.kpi);
    return others.reduce<WindowAggregates>((merged, list) => {
      const other = list[i];
      return {
        ...merged,
        current: aggregator.merge(merged.current, other.current),
        previous: aggregator.merge(merged.previous, other.previous),
        sources: [...new Set([...merged.sources, ...other.sources])].sort(),
        lastDataAt:
          [merged.lastDataAt, other.lastDataAt]
            .filter((t): t is string => t !== null)
            .sort()
            .pop() ?? null,
      };
    }, window);
  });
}

/** Pools daily aggregates of several entities into one ascending list. */
function mergeDays(kpi: KpiId, perEntity: DayAggregate[][]): DayAggregate[] {
  if (perEntity.length === 1) return perEntity[0];
  const aggregator = aggregatorFor(kpi);
  const byDay = new Map<string, unknown>();
  for (const days of perEntity) {
    for (const { day, aggregate } of days) {
      const existing = byDay.get(day);
      byDay.set(
        day,
        existing === undefined
          ? aggregate
          : aggregator.merge(existing, aggregate),
      );
    }
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([day, aggregate]) => ({ day, aggregate }));
}

/** Reads the windows of the entity's KPIs and turns them into the response. */
export async function buildEntityKpis(
  store: KpiStore,
  settings: CustomerKpisSettings,
  entity: EntityContext,
  windowDays: number,
  now: Date,
): Promise<EntityKpisResponse> {
  const today = utcDay(now);
  const from = addDaysToDay(today, -(windowDays - 1));
  const previousTo = addDaysToDay(from, -1);
  const previousFrom = addDaysToDay(previousTo, -(windowDays - 1));
  const refs = [entity.entityRef, ...(entity.members ?? [])];
  const windows = mergeWindows(
    await Promise.all(refs.map(ref => store.readWindows(ref, windowDays))),
  );
  const context = {
    targets: settings.targets,
    minimumSample: settings.minimumSample,
  };
  const step = sparklineStep(windowDays);

  const kpis = await Promise.all(
    windows.map(async window => {
      const view = kpiView(
        window.kpi,
        window.current,
        window.previous,
        entity.annotations,
        context,
      );
      const days = mergeDays(
        window.kpi,
        await Promise.all(
          refs.map(ref => store.readDays(ref, window.kpi, from, today)),
        ),
      );
      const sparkline = summarisePeriods(
        window.kpi,
        days,
        slicesEnding(from, today, step),
        summariseOptions(window.kpi, view.thresholds),
      ).map(p => ({
        start: p.start,
        end: p.end,
        value: p.summary.value,
        n: p.summary.n,
      }));
      return {
        kpi: window.kpi,
        summary: view.summary,
        thresholds: {
          target: view.thresholds.target,
          warning: view.thresholds.warning,
          source: view.thresholds.source,
        },
        status: view.status,
        comparison: {
          previous: view.comparison.previous,
          delta: view.comparison.delta,
          significant: view.comparison.significant,
          change: view.comparison.change,
          test: view.comparison.test,
          ...(view.comparison.pValue !== undefined
            ? { pValue: view.comparison.pValue }
            : {}),
          ...(view.comparison.reason ? { reason: view.comparison.reason } : {}),
        },
        sparkline,
        lastUpdated: window.lastDataAt,
        sources: window.sources,
      };
    }),
  );

  const summaries = Object.fromEntries(kpis.map(k => [k.kpi, k.summary]));
  const thresholds = Object.fromEntries(kpis.map(k => [k.kpi, k.thresholds]));
  const cci = customerCentricityIndex(
    summaries,
    thresholds,
    resolveWeights({
      config: settings.weights,
      domain: entity.domain,
      system: entity.system,
      component: entity.entityRef,
    }),
    { minimumSample: settings.minimumSample },
  );
  const hasData = kpis.some(k => k.summary.n > 0 || k.sources.length > 0);
  return {
    entityRef: entity.entityRef,
    window: { from, to: today, days: windowDays },
    previousWindow: { from: previousFrom, to: previousTo, days: windowDays },
    minimumSample: settings.minimumSample,
    kpis: KPI_IDS.map(id => kpis.find(k => k.kpi === (id as KpiId))!),
    cci: {
      value: cci.value,
      coverage: cci.coverage,
      components: cci.components.map(c => ({
        kpi: c.kpi,
        weight: c.weight,
        score: c.score,
        status: c.status,
        included: c.included,
      })),
    },
    bound: entity.bound || hasData,
    ...(entity.members ? { members: entity.members.length } : {}),
  };
}
