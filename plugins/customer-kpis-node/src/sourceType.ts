// The contract between the customer-kpis backend and a data-source type: what a type declares and how it is pulled.
import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  KpiId,
  Observation,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { z } from 'zod';

/** A JSON value: what a cursor may hold, because the backend persists it as JSON. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

/**
 * Secrets of the portal, resolved by the backend from `customerKpis.credentials` in app-config. A source config names
 * a credential (`credential: zendesk-api`); the source type asks for it here at pull time, so that the secret is
 * never part of the config that the admin API shows or stores. Each credential is bound to the URLs it may be sent
 * to (`allowedUrls`), as Backstage integrations bind a token to a host: ask for the secret with the URL of the very
 * request that carries it.
 */
export interface SourceCredentials {
  /** Whether a credential called `name` is configured. */
  has(name: string): boolean;
  /**
   * The secret of credential `name` for a request to `url`. Throws an Error that says why when no credential is
   * called `name` or when `url` is not under one of its allowed URLs (same scheme, host and port, and a path under
   * the allowed path at a segment boundary). Call it for each request, with the request's URL.
   */
  get(name: string, url: string | URL): string;
}

/** Where a source sends one of its credentials; see {@link CustomerKpisSourceType.credentialTargets}. */
export interface CredentialTarget {
  /** The NAME of the credential (a key of `customerKpis.credentials`), as the config gives it. */
  credential: string;
  /** The config field that names the credential, as a path below `config`, e.g. `credential`. */
  credentialField: string;
  /** The config field that decides the URL, e.g. `baseUrl` or `subdomain`. */
  urlField: string;
  /** The URL the credential is sent to, or the base URL that every such request starts with. */
  url: string;
}

/** Makes a text safe to show or store: every configured secret, in its common encodings, replaced by `***`. */
export interface SourceRedactor {
  redact(text: string): string;
}

/**
 * One page of a pull: observations, retractions of earlier ones, and the cursor that resumes the pull right after
 * them.
 *
 * The backend stores a page's observations, its retractions and its cursor in ONE transaction. So a run that fails
 * half-way resumes from the cursor of the last page it stored, and the observations of that page are never counted
 * twice. A cursor must therefore describe the position after this page's data, and nothing further.
 */
export interface SourcePage {
  /** Observations valid under `parseObservation` of the common package; the backend rejects the page otherwise. */
  observations: Observation[];
  /** Where the next pull starts; passed back as `context.cursor`. Must be JSON (it is persisted as such). */
  cursor: JsonValue;
  /**
   * Ids of observations of this source instance that no longer hold (a reopened ticket, a deleted survey response):
   * the backend removes them, with their effect on every KPI, in the same transaction as the page's observations.
   * Retracting an id that is not stored (never sent, already retracted, or its raw row deleted by retention) is a
   * no-op, counted as unchanged in the run; the run's `retracted` counts the observations actually removed. Each id
   * must be a valid observation id (1–200 characters, compared trimmed), and an id may not be both observed and
   * retracted in one page: either fails the run without storing the page.
   */
  retractions?: string[];
}

/** What the backend passes to {@link CustomerKpisSourceType.pull} for one run of one source instance. */
export interface SourcePullContext<TConfig> {
  /** The source instance's `config`, already parsed with the type's {@link CustomerKpisSourceType.configSchema}. */
  config: TConfig;
  /** Secrets by name; see {@link SourceCredentials}. */
  credentials: SourceCredentials;
  /**
   * The catalog entities bound to this source: those for which {@link CustomerKpisSourceType.isAvailable} is true.
   * A source emits observations for these entities only.
   */
  entities: Entity[];
  /** The cursor of the last page stored by an earlier run, or `undefined` on the first run (or after a reset). */
  cursor: JsonValue | undefined;
  /** A logger scoped to this source instance; it redacts every configured secret from what it writes. */
  logger: LoggerService;
  /**
   * The portal's redactor; pass it to `fetchJsonWithRetry` (option `redactor`) and use it on any upstream text
   * a message quotes, before cutting that text short.
   */
  redactor: SourceRedactor;
  /** Aborted when the run is cancelled or times out; pass it on to every request. */
  signal?: AbortSignal;
  /** The current time; sources use it instead of `new Date()` so that tests can fix it. */
  now: () => Date;
}

/**
 * Reads the secret of a named credential for VERIFYING a webhook's signature, never for sending it anywhere (so the
 * credential's `allowedUrls` do not apply; the docs advise setting them to the webhook's own URL). Throws an Error
 * that says why when no credential is called `name`, or when `name` is one of the source's own API credentials (its
 * `credentialTargets`): an API token may not double as a webhook secret.
 */
export type WebhookSecretReader = (name: string) => string;

/** One delivery to `POST /webhooks/{sourceId}`, as the backend hands it to {@link SourceWebhook.verify}. */
export interface SourceWebhookRequest<TConfig> {
  /** The source instance's `config`, parsed with the type's `configSchema`. */
  config: TConfig;
  /** The body exactly as received (signatures are computed over these bytes, not over re-serialised JSON). */
  body: Buffer;
  /** The request's headers, names in lower case; a header sent several times is joined with `, `. */
  headers: Readonly<Record<string, string | undefined>>;
  /** Secrets for verification only; see {@link WebhookSecretReader}. */
  secret: WebhookSecretReader;
  /** The current time, for checking a signed timestamp or the age of a delivery. */
  now: () => Date;
}

/** The verdict of {@link SourceWebhook.verify}. */
export type WebhookVerification =
  | {
      ok: true;
      /** The tool's id of the delivery, when it has one (logged, so that a replay can be traced). */
      deliveryId?: string;
    }
  | {
      ok: false;
      /** `missing`: no signature; `invalid`: it does not match; `stale`: signed too long ago. */
      reason: 'missing' | 'invalid' | 'stale';
      /** Why, for the backend's log; never the secret or the expected signature. */
      detail: string;
    };

/** What {@link SourceWebhook.observations} gets: the verified delivery and what a pull gets besides. */
export interface SourceWebhookContext<TConfig>
  extends Omit<SourceWebhookRequest<TConfig>, 'secret'> {
  /** The catalog entities bound to this source, as in a pull. */
  entities: Entity[];
  /** A logger scoped to this source instance; it redacts every configured secret. */
  logger: LoggerService;
  /** The portal's redactor. */
  redactor: SourceRedactor;
  /**
   * The portal's credentials for requests the delivery needs, as in a pull (SurveyMonkey's deliveries carry ids only,
   * so its type fetches the response with the API credential). Each `get` is checked against the credential's allowed
   * URLs. The backend always passes them; optional so that tests of hooks that request nothing may leave them out.
   */
  credentials?: SourceCredentials;
}

/**
 * Signed webhooks of a source type: the backend serves `POST /api/customer-kpis/webhooks/<source id>` without a
 * Backstage token and hands each delivery here. The backend answers 404 for an unknown source or a type without
 * this hook, 413 for a body over {@link SourceWebhook.maxBodyBytes}, 401 when {@link SourceWebhook.verify} refuses
 * (and stores nothing), and otherwise stores the observations and retractions of
 * {@link SourceWebhook.observations} in one transaction and records the delivery as a run with trigger `webhook`.
 * Storing is idempotent by observation id, so a delivery received twice changes nothing the second time.
 */
export interface SourceWebhook<TConfig> {
  /** The largest body accepted, in bytes; larger is a 413. Default and ceiling: 1 MiB. */
  readonly maxBodyBytes?: number;
  /**
   * The config fields that name credentials used to verify deliveries (e.g. `webhookCredential`), for the admin form
   * and the docs. A credential named there that does not exist makes each delivery a 401 and a failed run with
   * trigger `webhook` that names it.
   */
  credentialFields?(
    config: TConfig,
  ): Array<{ credential: string; credentialField: string }>;
  /** Checks the delivery's signature over the raw body; called before the body is parsed. */
  verify(
    request: SourceWebhookRequest<TConfig>,
  ): WebhookVerification | Promise<WebhookVerification>;
  /**
   * The observations (and retractions) of a verified delivery, and what was skipped. Throwing (a body that is not
   * what the tool sends) answers 400 and stores nothing.
   */
  observations(
    context: SourceWebhookContext<TConfig>,
  ): WebhookObservations | Promise<WebhookObservations>;
}

/** What a verified webhook delivery gives: a page without a cursor, and the number of answers it left out. */
export interface WebhookObservations {
  observations: Observation[];
  /** Ids of observations that no longer hold (a deleted response); see {@link SourcePage.retractions}. */
  retractions?: string[];
  /** How many answers or responses were left out (unanswered, not bound, …), for the run record and the log. */
  skipped?: number;
}

/** The annotations that bind an entity to `type`: its `bindingAnnotations`, or its one `annotation`. */
export function bindingAnnotationsOf(
  type: Pick<CustomerKpisSourceType, 'annotation' | 'bindingAnnotations'>,
): readonly string[] {
  return type.bindingAnnotations ?? [type.annotation];
}

/**
 * A data-source type contributed by a backend module through {@link customerKpisSourcesExtensionPoint}.
 *
 * A portal configures any number of instances of a type (`customerKpis.sources[]`, each with an `id`, the `type`,
 * a `schedule` and a `config`). For each run of an instance, the backend:
 *
 * 1. parses the instance's `config` with {@link CustomerKpisSourceType.configSchema} (a bad config fails the run
 *    with zod's issues and pulls nothing);
 * 2. lists the catalog entities for which {@link CustomerKpisSourceType.isAvailable} is true;
 * 3. iterates {@link CustomerKpisSourceType.pull} and, for each {@link SourcePage}, stores the observations, the
 *    retractions and the page's cursor in one transaction. Ingest is idempotent per (source instance id, observation
 *    id): an observation sent again unchanged is a no-op, a changed one replaces the old one, a retracted one is
 *    removed. So observation ids must be stable: the same fact from the outside system always gets the same id.
 *
 * If the iteration throws, the run is recorded as failed, the pages stored so far are kept, and the next run starts
 * from the last stored cursor. A type must therefore make progress page by page and never yield a cursor past data
 * it has not yet yielded.
 *
 * @typeParam TConfig - the parsed config of one instance.
 */
export interface CustomerKpisSourceType<TConfig = unknown> {
  /** Unique id of the type, used as `type` in `customerKpis.sources`, e.g. `zendesk`. */
  readonly id: string;
  /** A human-readable name, e.g. `Zendesk`. */
  readonly title: string;
  /** One or two sentences for the admin page: what the type reads and which KPIs it feeds. */
  readonly description: string;
  /**
   * The zod schema of one instance's `config` object. Credentials appear in it by NAME only (a key of
   * `customerKpis.credentials`), never as secrets. {@link describeConfigSchema} turns it into JSON Schema for forms.
   */
  readonly configSchema: z.ZodType<TConfig>;
  /** The KPIs this type can feed. */
  readonly kpis: readonly KpiId[];
  /**
   * The catalog annotation that binds an entity to this type's data, Backstage style `<vendor-domain>/<key>`,
   * e.g. `zendesk.com/group-id`. Types with several binding annotations name the main one here and list all of them
   * in {@link CustomerKpisSourceType.bindingAnnotations}.
   */
  readonly annotation: string;
  /**
   * Every annotation that binds an entity to this type (each one alone suffices), when there is more than
   * {@link CustomerKpisSourceType.annotation}: coverage and the entity pages count an entity carrying any of them as
   * bound. Defaults to `[annotation]`.
   */
  readonly bindingAnnotations?: readonly string[];
  /**
   * Where an instance with `config` sends each credential it names. The backend checks these against the
   * credentials' allowed URLs when a source is saved or tested (a 400 naming both fields) and before each run, so
   * that a mismatch is reported before any request. A type that names credentials in its config should implement
   * it; without it only the check of {@link SourceCredentials.get} at request time applies.
   */
  credentialTargets?(config: TConfig): CredentialTarget[];
  /**
   * Whether instances of this type may be defined in app-config only (`customerKpis.sources`), never created,
   * changed or dry-run with an unsaved definition through the admin API, because their config is too powerful to
   * take from an API caller (the `sql` type's queries run on a warehouse with the portal's credential). The admin
   * API still lists them and shows their config read-only. Defaults to `false`.
   */
  readonly configOnly?: boolean;
  /** Whether `entity` is bound to this type (usually: it carries the annotation with a usable value). */
  isAvailable(entity: Entity): boolean;
  /**
   * Pulls observations since `context.cursor`, page by page; see the type's doc comment for the guarantees the
   * backend gives and expects. Pages may be empty (to advance the cursor only).
   */
  pull(context: SourcePullContext<TConfig>): AsyncIterable<SourcePage>;
  /**
   * Signed webhooks, for tools that push responses as they arrive; see {@link SourceWebhook}. A type without it
   * is pull only (its webhook URL answers 404).
   */
  webhook?: SourceWebhook<TConfig>;
}
