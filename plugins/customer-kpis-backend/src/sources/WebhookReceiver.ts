// Receives one signed webhook delivery for a source: verifies it with the source type over the raw body, stores its
// observations and retractions in one transaction, and records it as a run with trigger `webhook`.
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  InputError,
  NotFoundError,
} from '@backstage/errors';
import {
  observedAndRetracted,
  parseObservationBatch,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import {
  CredentialDefinition,
  CustomerKpisSourceType,
  SecretRedactor,
  SourceCredentials,
  createSourceCredentials,
  credentialDefinition,
  redactingLogger,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { KpiStore } from '../database/KpiStore';
import { PayloadTooLargeError } from '../service/parseInput';
import { SourceRegistry } from './SourceRegistry';
import { SourceRunner } from './SourceRunner';
import { SourceStore } from './SourceStore';

/** The largest webhook body read at all; a source type may accept less (`webhook.maxBodyBytes`). */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

/** What the receiver needs: the router's source deps and the KPI store. */
export interface WebhookReceiverDeps {
  registry: SourceRegistry;
  runner: SourceRunner;
  sources: SourceStore;
  sourceTypes: ReadonlyMap<string, CustomerKpisSourceType>;
  credentials: Readonly<Record<string, CredentialDefinition>>;
  redactor: SecretRedactor;
  store: KpiStore;
  logger: LoggerService;
  now: () => Date;
}

/** What an accepted delivery did. */
export interface WebhookResult {
  runId: number;
  inserted: number;
  unchanged: number;
  replaced: number;
  retracted: number;
  skipped: number;
}

/** One request's headers with lower-case names, repeated headers joined with `, `. */
function headersOf(
  raw: Record<string, string | string[] | undefined>,
): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(raw).map(([name, value]) => [
      name.toLowerCase(),
      Array.isArray(value) ? value.join(', ') : value,
    ]),
  );
}

/**
 * Verifies and stores webhook deliveries. The answers are for an unauthenticated caller: they say what went wrong
 * in general terms (unknown source, bad signature); the details go to the log and, for the portal's own
 * misconfiguration, to the source's run list.
 */
export class WebhookReceiver {
  private readonly logger: LoggerService;
  private readonly credentials: SourceCredentials;

  constructor(private readonly deps: WebhookReceiverDeps) {
    this.logger = redactingLogger(deps.logger, deps.redactor);
    this.credentials = createSourceCredentials(deps.credentials);
  }

  async receive(
    sourceId: string,
    body: Buffer,
    rawHeaders: Record<string, string | string[] | undefined>,
  ): Promise<WebhookResult> {
    const { deps } = this;
    const definition = await deps.registry.get(sourceId);
    const type = definition && deps.sourceTypes.get(definition.type);
    const webhook = type?.webhook;
    if (!definition || !type || !webhook) {
      throw new NotFoundError(`No webhook for data source '${sourceId}'`);
    }
    const limit = Math.min(
      webhook.maxBodyBytes ?? MAX_WEBHOOK_BODY_BYTES,
      MAX_WEBHOOK_BODY_BYTES,
    );
    if (body.length > limit) {
      throw new PayloadTooLargeError(
        `Invalid request body: it is larger than ${limit} bytes`,
      );
    }
    const logger = this.logger.child({ source: sourceId });
    const headers = headersOf(rawHeaders);

    let prepared: ReturnType<SourceRunner['prepare']>;
    try {
      prepared = deps.runner.prepare(definition);
    } catch (error) {
      await this.recordFailure(sourceId, error);
      throw new AuthenticationError(
        'The webhook cannot be verified: the data source is not configured correctly (see its runs)',
      );
    }
    const { config } = prepared;
    // The vendor API credentials of this source: a webhook secret must be another one.
    const apiCredentials = new Set(
      (type.credentialTargets?.(config) ?? []).map(t => t.credential),
    );
    let secretProblem: string | undefined;
    // The WebhookSecretReader: a secret read to verify a signature is never sent anywhere, so the credential's
    // allowedUrls do not apply here (the docs advise the webhook's own URL); the source's API credentials are refused.
    const secret = (name: string) => {
      const found = credentialDefinition(deps.credentials, name);
      if (!found) {
        secretProblem = `no credential '${name}' in customerKpis.credentials`;
      } else if (apiCredentials.has(name)) {
        secretProblem = `credential '${name}' is this source's API credential; a webhook secret must be a credential of its own`;
      } else {
        return found.secret;
      }
      throw new Error(secretProblem);
    };
    const verdict = await Promise.resolve()
      .then(() =>
        webhook.verify({ config, body, headers, secret, now: deps.now }),
      )
      .catch(error => {
        if (secretProblem === undefined) throw error;
        return { ok: false as const, reason: 'invalid' as const, detail: '' };
      });
    if (secretProblem !== undefined) {
      await this.recordFailure(
        sourceId,
        new Error(`webhook secret: ${secretProblem}`),
      );
    }
    if (!verdict.ok) {
      logger.warn(
        `customer-kpis webhook of '${sourceId}' refused: signature ${
          verdict.reason
        }${verdict.detail ? ` (${verdict.detail})` : ''}`,
      );
      throw new AuthenticationError(
        `Webhook signature ${verdict.reason}; nothing was stored`,
      );
    }

    const entities = await deps.runner.boundEntities(type);
    let delivered;
    try {
      delivered = await webhook.observations({
        config,
        body,
        headers,
        now: deps.now,
        entities,
        logger,
        redactor: deps.redactor,
        credentials: this.credentials,
      });
    } catch (error) {
      throw new InputError(
        `The webhook body is not a delivery this source reads: ${deps.redactor.redact(
          (error as Error).message,
        )}; nothing was stored`,
      );
    }
    const { valid, issues } = parseObservationBatch(delivered.observations, {
      now: deps.now(),
    });
    const retractions = delivered.retractions ?? [];
    const [clash] = observedAndRetracted(valid, retractions);
    if (issues.length > 0 || clash) {
      const problem = clash
        ? `observation id ${JSON.stringify(
            clash.id,
          )} is both observed and retracted`
        : `${issues.length} invalid observation fields (item ${issues[0].index}, ${issues[0].path}: ${issues[0].message})`;
      await this.recordFailure(
        sourceId,
        new Error(`webhook delivery: ${problem}; nothing was stored`),
      );
      throw new InputError(
        'The webhook delivery gave invalid observations; nothing was stored (see the source runs)',
      );
    }

    const runId = await deps.sources.startRun(
      sourceId,
      'webhook',
      deps.now().toISOString(),
    );
    try {
      const counts = await deps.store.ingest(sourceId, valid, { retractions });
      const totals = {
        pages: 1,
        inserted: counts.inserted,
        unchanged: counts.unchanged,
        replaced: counts.replaced,
        retracted: counts.retracted,
        entities: entities.length,
      };
      await deps.sources.updateRun(runId, totals);
      await deps.sources.finishRun(runId, {
        status: 'succeeded',
        finishedAt: deps.now().toISOString(),
      });
      logger.info(
        `customer-kpis webhook of '${sourceId}'${
          verdict.deliveryId ? ` (delivery ${verdict.deliveryId})` : ''
        }: ${counts.inserted} new, ${counts.replaced} replaced, ${
          counts.unchanged
        } unchanged${
          counts.unchanged > 0 && counts.inserted + counts.replaced === 0
            ? ' (a delivery received before)'
            : ''
        }, ${counts.retracted} retracted, ${delivered.skipped ?? 0} skipped`,
      );
      return { runId, ...counts, skipped: delivered.skipped ?? 0 };
    } catch (error) {
      await deps.sources.finishRun(runId, {
        status: 'failed',
        error: deps.redactor.redact((error as Error).message),
        finishedAt: deps.now().toISOString(),
      });
      throw error;
    }
  }

  /** Records the portal's own misconfiguration as a failed webhook run, so that the admin page shows it. */
  private async recordFailure(sourceId: string, error: unknown) {
    const message = this.deps.redactor.redact(
      error instanceof Error ? error.message : String(error),
    );
    this.logger.warn(
      `customer-kpis webhook of '${sourceId}' failed: ${message}`,
    );
    const now = this.deps.now().toISOString();
    const runId = await this.deps.sources.startRun(sourceId, 'webhook', now);
    await this.deps.sources.finishRun(runId, {
      status: 'failed',
      error: message,
      finishedAt: now,
    });
  }
}
