// Retention: raw observations are deleted after a while (their aggregates stay), and all data of entities that
// left the catalog.
import { Knex } from 'knex';
import {
  BUCKET_TABLES,
  OBSERVATIONS,
  WINDOW_CHANGES,
  WINDOW_SUMMARIES,
} from '../../tables';
import { chunks } from '../../util';

/** Entities per delete statement. */
const IN_CHUNK = 500;

/** Deletes raw observations received before `before` (ISO time); buckets and summaries stay. Returns how many. */
export async function deleteObservationsReceivedBefore(
  db: Knex,
  before: string,
): Promise<number> {
  return db(OBSERVATIONS).where('received_at', '<', before).delete();
}

/** Deletes every trace of the entities in the KPI tables (observations, buckets, window rows, marks), at once. */
export async function deleteEntityData(
  db: Knex,
  entityRefs: readonly string[],
): Promise<void> {
  await db.transaction(async trx => {
    for (const refs of chunks(entityRefs, IN_CHUNK)) {
      for (const table of [
        OBSERVATIONS,
        ...BUCKET_TABLES,
        WINDOW_SUMMARIES,
        WINDOW_CHANGES,
      ]) {
        await trx(table).whereIn('entity_ref', refs).delete();
      }
    }
  });
}
