// Mirrors the catalog's components, systems, domains and groups into the entity metadata table.
import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EntityStore } from '../database/EntityStore';
import { MIRRORED_KINDS, toEntityRecords } from './entityRecords';

/** Reads the catalog with the plugin's own credentials and refreshes the entity metadata. */
export class CatalogSync {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      entities: EntityStore;
      logger: LoggerService;
      bindingAnnotations: () => string[];
      now?: () => Date;
    },
  ) {}

  /** Runs one sync; returns the refs that left the catalog. */
  async run(): Promise<string[]> {
    const { catalog, auth, entities, logger } = this.deps;
    const credentials = await auth.getOwnServiceCredentials();
    const { items } = await catalog.getEntities(
      {
        filter: MIRRORED_KINDS.map(kind => ({ kind })),
        // Relations for ownership, which permission rules may ask about.
        fields: ['kind', 'metadata', 'spec', 'relations'],
      },
      { credentials },
    );
    const records = toEntityRecords(items, this.deps.bindingAnnotations());
    const { written, gone } = await entities.replaceAll(
      records,
      (this.deps.now?.() ?? new Date()).toISOString(),
    );
    // It runs every minute: a sync that changed nothing is not news.
    (written + gone.length > 0 ? logger.info : logger.debug).call(
      logger,
      `customer-kpis: mirrored ${
        records.length
      } catalog entities, ${written} new or changed${
        gone.length ? `, ${gone.length} left the catalog` : ''
      }`,
    );
    return gone;
  }
}
