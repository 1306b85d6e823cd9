// Running a source type's pull in a test as the backend runs it: config parsed, credentials bound to their URLs,
// a redactor of every secret, only the entities the type binds, a fixed clock.
import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { Observation } from '@customer-kpis/backstage-plugin-customer-kpis-common';
// The package's own entry, so that these types are its public ones in the testUtils API report too.
import {
  CredentialDefinition,
  CustomerKpisSourceType,
  JsonValue,
  SecretRedactor,
  SourcePage,
  createSourceCredentials,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';

/** A catalog entity with the given annotations (a Component unless `kind` says otherwise). */
export function testEntity(
  name: string,
  annotations: Record<string, string> = {},
  kind = 'Component',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, annotations },
    spec: {},
  };
}

/** Options of {@link pullPages}. */
export interface PullPagesOptions {
  /** The raw config, parsed with the type's `configSchema` (so its defaults apply, as in the backend). */
  config: unknown;
  /** `customerKpis.credentials` of the test portal; every secret is also redacted. */
  credentials?: Record<string, CredentialDefinition>;
  /** The catalog; only the entities for which the type's `isAvailable` is true are passed on. */
  entities?: Entity[];
  /** The cursor of an earlier run. */
  cursor?: JsonValue;
  /** Default: a logger that drops every line. */
  logger?: LoggerService;
  /** The fixed current time. Default: the real clock. */
  now?: Date;
  /** Passed on as the run's abort signal. */
  signal?: AbortSignal;
  /**
   * Pages are pushed here as they come, so that a test of a failing pull can see what was stored before the
   * failure (as the backend would have), and a resumed pull can go on from the last page's cursor.
   */
  stored?: SourcePage[];
}

const silentLogger: LoggerService = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child: () => silentLogger,
};

/** Pulls until the pull ends (or throws, after pushing the pages before the failure to `options.stored`). */
export async function pullPages<TConfig>(
  sourceType: CustomerKpisSourceType<TConfig>,
  options: PullPagesOptions,
): Promise<SourcePage[]> {
  const stored = options.stored ?? [];
  const credentials = options.credentials ?? {};
  const now = options.now;
  for await (const page of sourceType.pull({
    config: sourceType.configSchema.parse(options.config) as TConfig,
    credentials: createSourceCredentials(credentials),
    redactor: new SecretRedactor(
      Object.values(credentials).map(credential => credential.secret),
    ),
    entities: (options.entities ?? []).filter(entity =>
      sourceType.isAvailable(entity),
    ),
    cursor: options.cursor,
    logger: options.logger ?? silentLogger,
    signal: options.signal,
    now: () => now ?? new Date(),
  })) {
    stored.push(page);
  }
  return stored;
}

/** The observations of all pages (of one KPI, when given), sorted by id. */
export function observationsOf(
  pages: readonly SourcePage[],
  kpi?: string,
): Observation[] {
  return pages
    .flatMap(page => page.observations)
    .filter(observation => !kpi || observation.kpi === kpi)
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** The retracted ids of all pages, in order. */
export function retractionsOf(pages: readonly SourcePage[]): string[] {
  return pages.flatMap(page => page.retractions ?? []);
}
