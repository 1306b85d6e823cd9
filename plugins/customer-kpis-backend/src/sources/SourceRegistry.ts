// The data sources of the portal: those in app-config (read-only) and those registered through the admin API,
// each scheduled through Backstage's scheduler so that one run at a time happens across backend replicas.
import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  ConflictError,
  InputError,
  NotFoundError,
  isError,
} from '@backstage/errors';
import {
  SourceSummary,
  sourceDefinitionSchema,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { SourceRunner } from './SourceRunner';
import { SourceDefinition, SourceSchedule, SourceStore } from './SourceStore';

const TASK_PREFIX = 'customer-kpis-source-';

/** Reads `customerKpis.sources` from config; throws an Error naming the entry and field when one is invalid. */
export function readConfiguredSources(config: Config): SourceDefinition[] {
  const entries = config.getOptionalConfigArray('customerKpis.sources') ?? [];
  return entries.map((entry, index) => {
    const result = sourceDefinitionSchema.safeParse(entry.get());
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new Error(
        `Invalid app-config customerKpis.sources[${index}].${issue.path.join(
          '.',
        )}: ${issue.message}`,
      );
    }
    return { ...result.data, origin: 'config' as const };
  });
}

function durationMs(
  d: Record<string, number | undefined> | undefined,
): number | undefined {
  if (!d) return undefined;
  return (
    (d.seconds ?? 0) * 1000 +
    (d.minutes ?? 0) * 60_000 +
    (d.hours ?? 0) * 3_600_000 +
    (d.days ?? 0) * 86_400_000
  );
}

function toTaskSchedule(
  schedule: SourceSchedule,
): SchedulerServiceTaskScheduleDefinition {
  return {
    frequency:
      schedule.frequency as SchedulerServiceTaskScheduleDefinition['frequency'],
    timeout:
      (schedule.timeout as SchedulerServiceTaskScheduleDefinition['timeout']) ?? {
        minutes: 30,
      },
  };
}

/** Lists, registers, schedules and triggers sources. */
export class SourceRegistry {
  private readonly configured: Map<string, SourceDefinition>;
  private readonly schedules = new Map<string, AbortController>();
  private readonly manualPending = new Set<string>();
  /** When the initial delay of each source's schedule ends on this replica (epoch ms). */
  private readonly initialWaitUntil = new Map<string, number>();
  private readonly now: () => Date;

  constructor(
    private readonly deps: {
      store: SourceStore;
      runner: SourceRunner;
      scheduler: SchedulerService;
      logger: LoggerService;
      configured: SourceDefinition[];
      typeIds: () => string[];
      now?: () => Date;
    },
  ) {
    this.configured = new Map(deps.configured.map(s => [s.id, s]));
    this.now = deps.now ?? (() => new Date());
  }

  async list(): Promise<SourceDefinition[]> {
    const registered = await this.deps.store.listRegistered();
    return [
      ...this.configured.values(),
      ...registered.filter(s => !this.configured.has(s.id)),
    ];
  }

  async get(id: string): Promise<SourceDefinition | undefined> {
    return (await this.list()).find(s => s.id === id);
  }

  async require(id: string): Promise<SourceDefinition> {
    const source = await this.get(id);
    if (!source) throw new NotFoundError(`No data source '${id}'`);
    return source;
  }

  /**
   * Schedules every known source; called once at start-up. A config source that cannot run as configured (a bad
   * config, an unknown credential, a credential not allowed for its URL) is scheduled anyway, so that each run
   * records the reason, and named in a warning now rather than at its first run.
   */
  async scheduleAll(): Promise<void> {
    for (const source of await this.list()) {
      if (source.origin === 'config') {
        try {
          this.deps.runner.prepare(source);
        } catch (error) {
          this.deps.logger.warn(
            `customer-kpis source '${
              source.id
            }' (app-config customerKpis.sources) will fail: ${
              (error as Error).message
            }`,
          );
        }
      }
      await this.schedule(source);
    }
  }

  /**
   * (Re)schedules a source. With `skipInitialDelay`, the schedule's `initialDelay` is left out: the scheduler's
   * worker sleeps through the initial delay without looking at the task, so a "run now" during it would wait.
   */
  private async schedule(
    source: SourceDefinition,
    { skipInitialDelay = false } = {},
  ) {
    this.schedules.get(source.id)?.abort();
    const controller = new AbortController();
    this.schedules.set(source.id, controller);
    const delayMs = skipInitialDelay
      ? 0
      : durationMs(source.schedule.initialDelay) ?? 0;
    if (delayMs > 0) {
      this.initialWaitUntil.set(source.id, this.now().getTime() + delayMs);
    } else {
      this.initialWaitUntil.delete(source.id);
    }
    await this.deps.scheduler.scheduleTask({
      id: `${TASK_PREFIX}${source.id}`,
      ...toTaskSchedule(source.schedule),
      ...(delayMs > 0 ? { initialDelay: source.schedule.initialDelay } : {}),
      signal: controller.signal,
      fn: async signal => {
        const current = await this.get(source.id);
        if (!current) return; // deleted since it was scheduled
        const trigger = this.manualPending.delete(source.id)
          ? 'manual'
          : 'schedule';
        await this.deps.runner.run(current, trigger, signal);
      },
    });
  }

  /** Registers or replaces a source through the API; config sources cannot be changed this way. */
  async save(
    source: Omit<SourceDefinition, 'origin'>,
    mode: 'create' | 'update',
  ): Promise<SourceDefinition> {
    if (this.configured.has(source.id)) {
      throw new ConflictError(
        `Source '${source.id}' is defined in app-config; change it there`,
      );
    }
    const existing = await this.get(source.id);
    if (mode === 'create' && existing)
      throw new ConflictError(`Source '${source.id}' exists already`);
    if (mode === 'update' && !existing)
      throw new NotFoundError(`No data source '${source.id}'`);
    try {
      this.deps.runner.prepare(source);
    } catch (error) {
      throw new InputError(`Invalid source: ${(error as Error).message}`);
    }
    await this.deps.store.upsertRegistered(source, this.now().toISOString());
    const saved = { ...source, origin: 'api' as const };
    await this.schedule(saved);
    return saved;
  }

  async delete(id: string): Promise<void> {
    if (this.configured.has(id)) {
      throw new ConflictError(
        `Source '${id}' is defined in app-config; remove it there`,
      );
    }
    if (!(await this.deps.store.deleteRegistered(id)))
      throw new NotFoundError(`No data source '${id}'`);
    this.schedules.get(id)?.abort();
    this.schedules.delete(id);
  }

  /**
   * Asks the scheduler to run a source now (on whichever replica takes the task). A source still in the initial
   * delay of its schedule is first rescheduled without it, so that the run starts within the scheduler's poll
   * interval (seconds) rather than when the delay ends. A run in progress is a 409 that says so.
   */
  async trigger(id: string): Promise<void> {
    const source = await this.require(id);
    if ((this.initialWaitUntil.get(id) ?? 0) > this.now().getTime()) {
      await this.schedule(source, { skipInitialDelay: true });
    }
    this.manualPending.add(id);
    try {
      await this.deps.scheduler.triggerTask(`${TASK_PREFIX}${id}`);
    } catch (error) {
      this.manualPending.delete(id);
      if (isError(error) && error.name === 'ConflictError') {
        throw new ConflictError(
          `Source '${id}' is running now; wait for that run to end (see its runs) and try again`,
        );
      }
      throw error;
    }
  }

  /** The summaries of `GET /sources`: definitions, last runs and the next due time. */
  async summaries(): Promise<SourceSummary[]> {
    const [sources, latest, successes] = await Promise.all([
      this.list(),
      this.deps.store.latestRuns(),
      this.deps.store.latestSuccessfulRuns(),
    ]);
    const types = this.deps.typeIds();
    return sources.map(source => {
      const lastRun = latest.get(source.id) ?? null;
      const every =
        'cron' in source.schedule.frequency
          ? undefined
          : durationMs(source.schedule.frequency);
      const nextRunAt =
        lastRun && every
          ? new Date(Date.parse(lastRun.startedAt) + every).toISOString()
          : null;
      return {
        id: source.id,
        type: source.type,
        ...(source.title ? { title: source.title } : {}),
        origin: source.origin,
        schedule: source.schedule,
        config: source.config,
        typeAvailable: types.includes(source.type),
        lastRun,
        lastSuccess: successes.get(source.id) ?? null,
        nextRunAt,
      } as SourceSummary;
    });
  }
}
