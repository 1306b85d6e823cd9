// Scheduled upkeep: mirror the catalog, roll the window summaries over at midnight, and delete what is past
// its retention or no longer in the catalog.
import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { CatalogSync } from '../catalog/CatalogSync';
import { EntityStore } from '../database/EntityStore';
import { GroupSummaryStore } from '../database/GroupSummaryStore';
import { KpiStore } from '../database/KpiStore';

/** Deletes raw observations past retention and all data of entities that left the catalog. */
export async function cleanup(deps: {
  store: KpiStore;
  entities: EntityStore;
  retentionDays: number;
  now: Date;
  logger: LoggerService;
}): Promise<{ observations: number; entities: number }> {
  const before = new Date(
    deps.now.getTime() - deps.retentionDays * 86_400_000,
  ).toISOString();
  const observations = await deps.store.deleteObservationsReceivedBefore(
    before,
  );
  const gone = await deps.entities.listGone();
  if (gone.length > 0) {
    await deps.store.deleteEntityData(gone);
    await deps.entities.delete(gone);
  }
  deps.logger.info(
    `customer-kpis cleanup: deleted ${observations} raw observations received before ${before} and the data of ${gone.length} entities that left the catalog`,
  );
  return { observations, entities: gone.length };
}

/** Registers the plugin's scheduled tasks (each runs on one replica at a time). */
export async function scheduleMaintenance(deps: {
  scheduler: SchedulerService;
  logger: LoggerService;
  catalogSync: CatalogSync;
  store: KpiStore;
  entities: EntityStore;
  groups: GroupSummaryStore;
  retentionDays: number;
}) {
  const { scheduler, logger } = deps;
  await scheduler.scheduleTask({
    id: 'customer-kpis-catalog-sync',
    // Often, so that entities the catalog processes after start-up (or registers later) reach the overview within
    // a minute; a sync of an unchanged catalog reads it and writes nothing.
    frequency: { minutes: 1 },
    timeout: { minutes: 4 },
    initialDelay: { seconds: 3 },
    fn: async () => {
      await deps.catalogSync.run();
    },
  });
  await scheduler.scheduleTask({
    id: 'customer-kpis-roll-windows',
    frequency: { minutes: 30 },
    timeout: { minutes: 25 },
    fn: async () => {
      const rolled = await deps.store.rollWindowsForward();
      if (rolled > 0)
        logger.info(
          `customer-kpis: rolled ${rolled} KPI windows forward to today`,
        );
    },
  });
  // The summary upkeep: readers take up only what about 100 ms allow and answer with what is stored (saying how
  // much is pending); this task does the rest off the readers' path, all of it on every run.
  await scheduler.scheduleTask({
    id: 'customer-kpis-refresh-summaries',
    frequency: { minutes: 1 },
    timeout: { minutes: 10 },
    initialDelay: { seconds: 30 },
    fn: async () => {
      await deps.store.rollWindowsForward();
      const pairs = await deps.store.refreshSummaries();
      const refreshed = await deps.groups.refreshStale();
      if (pairs + refreshed > 0)
        logger.debug(
          `customer-kpis: refreshed the summaries of ${pairs} entity KPIs and ${refreshed} groups`,
        );
    },
  });
  await scheduler.scheduleTask({
    id: 'customer-kpis-cleanup',
    frequency: { cron: '17 3 * * *' },
    timeout: { hours: 1 },
    fn: async () => {
      await cleanup({ ...deps, now: new Date() });
    },
  });
}
