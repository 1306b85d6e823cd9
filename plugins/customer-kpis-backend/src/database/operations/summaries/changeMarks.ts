// The change marks: ingest bumps a version per touched entity and per group of it; whoever brings the summaries
// up to date reads the versions first and afterwards deletes only those it read, so data that lands meanwhile
// keeps its mark.
import { Knex } from 'knex';
import { bulkUpsert, whereInList, whereKeyIn } from '../../bulk';
import {
  ENTITIES,
  ENTITY_MARK_COLUMNS,
  GROUP_CHANGES,
  GROUP_COLUMNS,
  GROUP_MARK_COLUMNS,
  GroupColumn,
  WINDOW_CHANGES,
} from '../../tables';
import { chunks } from '../../util';
import { Db } from '../types';

/** A mark as read: whose, and the version that was read. */
export interface EntityMark {
  entityRef: string;
  version: number;
}

/** Marks per delete statement. */
const DELETE_CHUNK = 200;

/** Marks the summary columns of the entities' KPIs as behind (bumps their version). */
export async function markEntitiesChanged(
  trx: Knex.Transaction,
  entityRefs: readonly string[],
): Promise<void> {
  // A stable order keeps concurrent writers from locking the same rows in opposite orders.
  await bulkUpsert(
    trx,
    WINDOW_CHANGES,
    ENTITY_MARK_COLUMNS,
    [...entityRefs].sort().map(entity_ref => ({ entity_ref, version: 1 })),
    ['entity_ref'],
    `"version" = "${WINDOW_CHANGES}"."version" + 1`,
  );
}

/** Every entity mark, as it is now. */
export async function readEntityMarks(db: Db): Promise<EntityMark[]> {
  const rows: { entity_ref: string; version: string | number }[] = await db(
    WINDOW_CHANGES,
  ).select('entity_ref', 'version');
  return rows.map(r => ({
    entityRef: r.entity_ref,
    version: Number(r.version),
  }));
}

/** How many entities have a mark: their summaries may leave out data that is stored. */
export async function countEntityMarks(db: Db): Promise<number> {
  const [{ n }] = await db(WINDOW_CHANGES).count({ n: '*' });
  return Number(n);
}

/** Deletes the marks that still have the version that was read. */
export async function clearEntityMarks(
  db: Db,
  marks: readonly EntityMark[],
): Promise<void> {
  for (const batch of chunks(marks, DELETE_CHUNK)) {
    await whereKeyIn(
      db,
      WINDOW_CHANGES,
      ENTITY_MARK_COLUMNS,
      batch.map(m => ({ entity_ref: m.entityRef, version: m.version })),
    ).delete();
  }
}

/** Bumps the marks of the given groups, in a stable order. */
async function markGroups(
  trx: Knex.Transaction,
  rows: ReadonlyArray<Partial<Record<GroupColumn, string | null>>>,
) {
  const marks = new Map<string, Record<string, unknown>>();
  for (const row of rows) {
    for (const column of GROUP_COLUMNS) {
      const ref = row[column];
      if (!ref) continue;
      marks.set(`${column}|${ref}`, {
        group_by: column,
        group_ref: ref,
        version: 1,
      });
    }
  }
  // A stable order keeps concurrent ingests from locking the same rows in opposite orders.
  await bulkUpsert(
    trx,
    GROUP_CHANGES,
    GROUP_MARK_COLUMNS,
    [...marks.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, row]) => row),
    ['group_by', 'group_ref'],
    `"version" = "${GROUP_CHANGES}"."version" + 1`,
  );
}

/**
 * Marks the systems, domains and owners of the given entities as changed (their groups as the catalog mirror
 * has them), so that their rollups are recomputed before they are read again.
 */
export async function markGroupsOfEntitiesChanged(
  trx: Knex.Transaction,
  entityRefs: readonly string[],
): Promise<void> {
  await markGroups(
    trx,
    await trx(ENTITIES)
      .where(whereInList(trx, 'entity_ref', entityRefs))
      .distinct(...GROUP_COLUMNS),
  );
}

/** Marks every group of the catalog mirror as changed (after every window row was rebuilt). */
export async function markAllGroupsChanged(
  trx: Knex.Transaction,
): Promise<void> {
  await markGroups(trx, await trx(ENTITIES).distinct(...GROUP_COLUMNS));
}

/** The marked groups of a column (of `groupRefs` only, if given) with the versions as they are now. */
export async function readGroupMarks(
  db: Db,
  column: GroupColumn,
  groupRefs?: readonly string[],
): Promise<Map<string, number>> {
  const query = db(GROUP_CHANGES).where({ group_by: column });
  if (groupRefs) query.where(whereInList(db, 'group_ref', groupRefs));
  const rows: { group_ref: string; version: string | number }[] =
    await query.select('group_ref', 'version');
  return new Map(rows.map(r => [r.group_ref, Number(r.version)]));
}

/** Deletes the group marks that still have the version that was read. */
export async function clearGroupMarks(
  db: Db,
  column: GroupColumn,
  seen: ReadonlyMap<string, number>,
): Promise<void> {
  for (const batch of chunks([...seen], DELETE_CHUNK)) {
    await db(GROUP_CHANGES)
      .where({ group_by: column })
      .whereIn(['group_ref', 'version'], batch)
      .delete();
  }
}
