// Builds the entity reads: `GET /entities/{kind}/{namespace}/{name}/kpis`, the seven KPIs of one entity over a
// window, and `…/kpis/{kpi}/series`, one KPI per period. A system or domain pools its readable members into both.
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  EntityKpisResponse,
  KPI_IDS,
  KpiId,
  KpiSeriesResponse,
  addDaysToDay,
  aggregatorFor,
  customerCentricityIndex,
  resolveThresholds,
  resolveWeights,
  utcDay,
  windowLength,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { rollupMembers } from '../database/GroupSummaryStore';
import { KpiStore, WindowAggregates } from '../database/KpiStore';
import { CustomerKpisSettings } from '../config';
import { SettingsScope, kpiView, summariseOptions } from './kpiView';
import {
  Granularity,
  alignStart,
  periodsOf,
  slicesEnding,
  summarisePeriods,
} from './periods';
import { readableEntityRefs } from './visibility';

/** About 12 points per sparkline: a week a point for 90 days, a month for a year. */
export function sparklineStep(windowDays: number): number {
  return Math.max(1, Math.round(windowDays / 12));
}

/** What the builder needs to know about the entity. */
export interface EntityContext {
  entityRef: string;
  annotations: Record<string, string>;
  /** Its system and domain as the catalog mirror records them (a system is its own system, a domain its own domain). */
  system?: string;
  domain?: string;
  /** Whether an annotation binds the entity to a data source. */
  bound: boolean;
  /** Entities rolled up into this one (a system's or domain's components), pooled with its own data. */
  members?: string[];
}

/**
 * The members a system or domain pools with its own data: the components under it (a domain's through its systems)
 * that the caller may read, as the catalog filters its reads. Undefined for another kind, which pools nothing.
 */
export async function readableMembers(
  deps: Parameters<typeof readableEntityRefs>[0],
  credentials: BackstageCredentials,
  entityRef: string,
  kind: string,
): Promise<string[] | undefined> {
  const column = kind.toLocaleLowerCase('en-US');
  if (column !== 'system' && column !== 'domain') return undefined;
  const [visible, members] = await Promise.all([
    readableEntityRefs(deps, credentials, ['component']),
    deps.entities.list({ kinds: ['component'], [column]: entityRef }),
  ]);
  return members.map(m => m.entityRef).filter(ref => visible.has(ref));
}

/** The settings scope of the entity read: a system's or domain's own chain, a component's through its system. */
function settingsScopeOf(
  entity: Pick<
    EntityContext,
    'entityRef' | 'annotations' | 'system' | 'domain'
  >,
): SettingsScope {
  return {
    domain: entity.domain,
    system: entity.system,
    component: entity.entityRef,
    annotations: entity.annotations,
  };
}

/** The entities whose data an entity's KPIs and series pool: its own and its members'. */
export function pooledRefs(entity: {
  entityRef: string;
  members?: readonly string[];
}): string[] {
  return [entity.entityRef, ...(entity.members ?? [])];
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
  const refs = pooledRefs(entity);
  const perEntity = await Promise.all(
    refs.map(ref => store.readWindows(ref, windowDays)),
  );
  const windows = mergeWindows(perEntity);
  // Beside the pooled value, a rollup shows the unweighted mean of its members, as the overview's group rows do.
  const memberRollups = entity.members
    ? rollupMembers(
        perEntity.slice(1).map(list => new Map(list.map(w => [w.kpi, w]))),
      )
    : undefined;
  const context = {
    targets: settings.targets,
    minimumSample: settings.minimumSample,
  };
  const scope = settingsScopeOf(entity);
  const step = sparklineStep(windowDays);

  const kpis = await Promise.all(
    windows.map(async window => {
      const view = kpiView(
        window.kpi,
        window.current,
        window.previous,
        scope,
        context,
      );
      const days = await store.readDaysOfEntities(
        refs,
        window.kpi,
        from,
        today,
      );
      const sparkline = summarisePeriods(
        window.kpi,
        days,
        slicesEnding(from, today, step, today),
        summariseOptions(window.kpi, view.thresholds),
      ).map(p => ({
        start: p.start,
        end: p.end,
        value: p.summary.value,
        n: p.summary.n,
        partial: p.partial,
      }));
      return {
        kpi: window.kpi,
        summary: view.summary,
        thresholds: {
          target: view.thresholds.target,
          warning: view.thresholds.warning,
          source: view.thresholds.source,
          ...(view.thresholds.entity && { entity: view.thresholds.entity }),
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
        ...(memberRollups && {
          memberMean: {
            value: memberRollups[window.kpi].current.unweightedMean,
            members: memberRollups[window.kpi].current.entitiesWithData,
          },
        }),
      };
    }),
  );

  const summaries = Object.fromEntries(kpis.map(k => [k.kpi, k.summary]));
  const thresholds = Object.fromEntries(kpis.map(k => [k.kpi, k.thresholds]));
  const cci = customerCentricityIndex(
    summaries,
    thresholds,
    resolveWeights({ config: settings.weights, ...scope }),
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

/**
 * Builds one KPI of an entity per period from `from` (aligned to the start of its period) to `to`: the daily
 * aggregates of the entity and its members pooled as {@link buildEntityKpis} pools them, so that the series and
 * the headline count the same data. A period not over at `now`, or cut by `to`, is partial.
 */
export async function buildKpiSeries(
  store: KpiStore,
  settings: CustomerKpisSettings,
  entity: Pick<
    EntityContext,
    'entityRef' | 'annotations' | 'system' | 'domain' | 'members'
  >,
  kpi: KpiId,
  range: { from: string; to: string; granularity: Granularity },
  now: Date,
): Promise<KpiSeriesResponse> {
  const { to, granularity } = range;
  const thresholds = resolveThresholds({
    kpi,
    config: settings.targets,
    ...settingsScopeOf(entity),
  });
  const start = alignStart(range.from, granularity);
  const days = await store.readDaysOfEntities(
    pooledRefs(entity),
    kpi,
    start,
    to,
  );
  const points = summarisePeriods(
    kpi,
    days,
    periodsOf(start, to, granularity, utcDay(now)),
    summariseOptions(kpi, thresholds),
  );
  return {
    entityRef: entity.entityRef,
    kpi,
    granularity,
    range: { from: start, to, days: windowLength({ from: start, to }) },
    thresholds: {
      target: thresholds.target,
      warning: thresholds.warning,
      source: thresholds.source,
      ...(thresholds.entity && { entity: thresholds.entity }),
    },
    points: points.map(p => ({
      start: p.start,
      end: p.end,
      partial: p.partial,
      summary: p.summary,
    })),
  };
}
