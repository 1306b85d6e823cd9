// Runs a data source: pulls its pages, stores each page with its cursor in one transaction, and records the run.
import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  SourceDryRunResponse,
  observedAndRetracted,
  parseObservationBatch,
  retractionsSchema,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import {
  CredentialDefinition,
  CredentialTarget,
  CustomerKpisSourceType,
  SecretRedactor,
  SourceCredentials,
  SourcePage,
  SourcePullContext,
  createSourceCredentials,
  credentialDefinition,
  isUrlAllowed,
  redactUrl,
  redactingLogger,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { KpiStore } from '../database/KpiStore';
import { SourceDefinition, SourceRun, SourceStore } from './SourceStore';

/** The kinds a source may bind to. */
const BINDABLE_KINDS = ['component', 'system', 'domain', 'resource', 'api'];
const DRY_RUN_SAMPLE = 20;

/** What the runner needs. */
export interface SourceRunnerDeps {
  store: KpiStore;
  sources: SourceStore;
  sourceTypes: ReadonlyMap<string, CustomerKpisSourceType>;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  /** `customerKpis.credentials` from app-config: secrets and their allowed URLs by name. */
  credentials: Readonly<Record<string, CredentialDefinition>>;
  /** Knows every secret of `credentials`; run errors, dry-run answers and log lines pass through it. */
  redactor: SecretRedactor;
  now?: () => Date;
}

/** A run failed for a reason worth showing to the platform engineer as is. */
export class SourceRunError extends Error {}

/**
 * Where a definition sends its credentials: what its type declares, or, for a type that declares nothing, the
 * credential named by `config.credential` with no known URL (checked for existence only; the URL is then checked by
 * `credentials.get` at request time).
 */
function credentialTargetsOf(
  type: CustomerKpisSourceType,
  config: unknown,
): Array<Omit<CredentialTarget, 'url'> & { url?: string }> {
  if (type.credentialTargets) return type.credentialTargets(config);
  const credential = (config as { credential?: unknown })?.credential;
  return typeof credential === 'string'
    ? [{ credential, credentialField: 'credential', urlField: '' }]
    : [];
}

/**
 * The retractions of a page (none when absent), trimmed as observation ids are; throws a SourceRunError naming the
 * page and the item when one is not an observation id or when an id is also observed in the page.
 */
function pageRetractions(page: SourcePage, pageNumber: number): string[] {
  if (page.retractions === undefined) return [];
  const parsed = retractionsSchema.safeParse(page.retractions);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SourceRunError(
      `page ${pageNumber}: retractions${issue.path
        .map(p => `.${String(p)}`)
        .join('')}: ${issue.message}; that page was not stored`,
    );
  }
  const [clash] = observedAndRetracted(page.observations, parsed.data);
  if (clash) {
    throw new SourceRunError(
      `page ${pageNumber}: observation id ${JSON.stringify(
        clash.id,
      )} is both observed (item ${
        clash.observationIndex
      }) and retracted (retraction ${
        clash.retractionIndex
      }); a page may add or retract an id, not both; that page was not stored`,
    );
  }
  return parsed.data;
}

/** Runs source instances of the registered types. */
export class SourceRunner {
  private readonly now: () => Date;
  private readonly credentials: SourceCredentials;
  private readonly logger: LoggerService;

  constructor(private readonly deps: SourceRunnerDeps) {
    this.now = deps.now ?? (() => new Date());
    this.credentials = createSourceCredentials(deps.credentials);
    this.logger = redactingLogger(deps.logger, deps.redactor);
  }

  /** The type of a definition and its parsed config; throws a SourceRunError naming the bad field. */
  prepare(definition: Pick<SourceDefinition, 'type' | 'config'>) {
    const type = this.deps.sourceTypes.get(definition.type);
    if (!type) {
      throw new SourceRunError(
        `No data-source type '${definition.type}' is installed; installed: ${
          [...this.deps.sourceTypes.keys()].join(', ') || 'none'
        }`,
      );
    }
    const parsed = type.configSchema.safeParse(definition.config);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new SourceRunError(
        `config.${issue.path.join('.')}: ${issue.message}`,
      );
    }
    for (const target of credentialTargetsOf(type, parsed.data)) {
      this.checkCredentialTarget(target);
    }
    return { type, config: parsed.data };
  }

  /**
   * Throws a SourceRunError naming the config fields when a credential is not configured, or when the URL it would
   * be sent to is not under one of its allowed URLs.
   */
  private checkCredentialTarget(
    target: ReturnType<typeof credentialTargetsOf>[number],
  ) {
    const { credentials } = this.deps;
    const definition = credentialDefinition(credentials, target.credential);
    if (!definition) {
      throw new SourceRunError(
        `config.${target.credentialField}: no credential '${
          target.credential
        }' in customerKpis.credentials; configured: ${
          Object.keys(credentials).join(', ') || 'none'
        }`,
      );
    }
    if (
      target.url !== undefined &&
      !isUrlAllowed(target.url, definition.allowedUrls)
    ) {
      throw new SourceRunError(
        `config.${target.urlField} and config.${
          target.credentialField
        }: credential '${target.credential}' may not be sent to ${redactUrl(
          target.url,
        )}; customerKpis.credentials.${
          target.credential
        }.allowedUrls allows only ${definition.allowedUrls.join(', ')}`,
      );
    }
  }

  /** The catalog entities bound to a type. */
  async boundEntities(type: CustomerKpisSourceType): Promise<Entity[]> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: { kind: BINDABLE_KINDS },
        fields: ['kind', 'metadata', 'spec'],
      },
      { credentials },
    );
    return items.filter(entity => type.isAvailable(entity));
  }

  private context(
    definition: SourceDefinition | { id?: string; type: string },
    config: unknown,
    entities: Entity[],
    cursor: SourcePullContext<unknown>['cursor'],
    signal?: AbortSignal,
  ): SourcePullContext<unknown> {
    return {
      config,
      credentials: this.credentials,
      entities,
      cursor,
      logger: this.logger.child({
        source: definition.id ?? `(dry run of ${definition.type})`,
      }),
      redactor: this.deps.redactor,
      signal,
      now: this.now,
    };
  }

  /**
   * Runs a source to the end of its data. Each page (its observations, its retractions and its cursor) is stored in
   * one transaction, so a failure keeps the pages stored so far and the next run resumes after them. The run is
   * recorded either way.
   */
  async run(
    definition: SourceDefinition,
    trigger: SourceRun['trigger'],
    signal?: AbortSignal,
  ): Promise<SourceRun> {
    const { sources, store } = this.deps;
    const runId = await sources.startRun(
      definition.id,
      trigger,
      this.now().toISOString(),
    );
    const totals = {
      pages: 0,
      inserted: 0,
      unchanged: 0,
      replaced: 0,
      retracted: 0,
      entities: 0,
    };
    try {
      const { type, config } = this.prepare(definition);
      const entities = await this.boundEntities(type);
      totals.entities = entities.length;
      const cursor = await sources.getCursor(definition.id);
      for await (const page of type.pull(
        this.context(definition, config, entities, cursor, signal),
      )) {
        const { valid, issues: invalid } = parseObservationBatch(
          page.observations,
          { now: this.now() },
        );
        if (invalid.length > 0) {
          const first = invalid[0];
          throw new SourceRunError(
            `page ${totals.pages + 1}: ${
              invalid.length
            } invalid observation fields (item ${first.index}, ${first.path}: ${
              first.message
            }); that page was not stored`,
          );
        }
        const retractions = pageRetractions(page, totals.pages + 1);
        const counts = await store.ingest(definition.id, valid, {
          retractions,
          withinTransaction: trx =>
            sources.setCursor(
              trx,
              definition.id,
              page.cursor,
              this.now().toISOString(),
            ),
        });
        totals.pages++;
        totals.inserted += counts.inserted;
        totals.unchanged += counts.unchanged;
        totals.replaced += counts.replaced;
        totals.retracted += counts.retracted;
        await sources.updateRun(runId, totals);
      }
      await sources.updateRun(runId, totals);
      await sources.finishRun(runId, {
        status: 'succeeded',
        finishedAt: this.now().toISOString(),
      });
    } catch (error) {
      // Redacted before it is logged or stored: an upstream may have echoed the request's credentials.
      const message = this.deps.redactor.redact(
        error instanceof Error ? error.message : String(error),
      );
      this.logger.warn(
        `customer-kpis source '${definition.id}' failed: ${message}`,
      );
      await sources.updateRun(runId, totals);
      await sources.finishRun(runId, {
        status: 'failed',
        error: message,
        finishedAt: this.now().toISOString(),
      });
    }
    const [run] = (await sources.listRuns(definition.id, 1)).filter(
      r => r.id === runId,
    );
    return run;
  }

  /** Pulls the first page only and validates it; stores nothing, not even the cursor. */
  async dryRun(definition: {
    id?: string;
    type: string;
    config: Record<string, unknown>;
  }): Promise<SourceDryRunResponse> {
    const { type, config } = this.prepare(definition);
    const entities = await this.boundEntities(type);
    const controller = new AbortController();
    const { redactor } = this.deps;
    try {
      const pages = type.pull(
        this.context(
          definition,
          config,
          entities,
          undefined,
          controller.signal,
        ),
      );
      for await (const page of pages) {
        const { issues: invalid } = parseObservationBatch(page.observations, {
          now: this.now(),
        });
        // The sample and the issues quote what the source produced, which may quote what an upstream sent.
        return {
          entities: entities.length,
          observations: page.observations.length,
          sample: redactor.redactValue(
            page.observations.slice(0, DRY_RUN_SAMPLE),
          ) as unknown as Record<string, unknown>[],
          invalid: redactor.redactValue(invalid.slice(0, DRY_RUN_SAMPLE)),
          error: null,
        };
      }
      return {
        entities: entities.length,
        observations: 0,
        sample: [],
        invalid: [],
        error: null,
      };
    } catch (error) {
      return {
        entities: entities.length,
        observations: 0,
        sample: [],
        invalid: [],
        error: redactor.redact(
          error instanceof Error ? error.message : String(error),
        ),
      };
    } finally {
      controller.abort();
    }
  }
}
