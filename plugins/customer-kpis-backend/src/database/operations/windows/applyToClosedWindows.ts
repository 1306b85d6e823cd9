// Ingest's upkeep of the stored windows: observations of a past day change the closed days of their pairs' rows.
import {
  STANDARD_WINDOW_DAYS,
  UntypedKpiAggregator,
  addDaysToDay,
  aggregatorFor,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { Knex } from 'knex';
import { WindowRow } from '../../tables';
import { TRUSTED } from '../../util';
import { earliestDayNeeded, pairKey } from '../../windowAccumulator';
import { Operation, Pair } from '../types';
import { rebuildWindows } from './rebuildWindows';
import { loadWindowRows, windowKey, writeWindowRows } from './windowRows';

/** The operations of past days within reach of the longest previous window, by pair. */
function pastOperationsByPair(
  operations: readonly Operation[],
  today: string,
): Map<string, Operation[]> {
  const earliest = earliestDayNeeded(today, STANDARD_WINDOW_DAYS);
  const byPair = new Map<string, Operation[]>();
  for (const operation of operations) {
    if (operation.day >= today || operation.day < earliest) continue;
    const k = pairKey(
      operation.observation.entityRef,
      operation.observation.kpi,
    );
    const list = byPair.get(k) ?? [];
    list.push(operation);
    byPair.set(k, list);
  }
  return byPair;
}

/** A stored aggregate with the operations applied; parsed, changed and serialised only when there are some. */
function applyTo(
  aggregator: UntypedKpiAggregator,
  text: string,
  operations: readonly Operation[],
): string {
  if (operations.length === 0) return text;
  const changed = operations.reduce(
    (aggregate, { observation, sign }) =>
      sign > 0
        ? aggregator.add(aggregate, observation)
        : aggregator.remove(aggregate, observation),
    aggregator.parse(text, TRUSTED),
  );
  return aggregator.serialise(aggregator.windowPart(changed));
}

/**
 * Keeps the closed days of the touched pairs' window rows current, in the caller's locked transaction and after
 * the buckets were written: an operation on a past day within reach of the longest previous window is applied
 * incrementally to rows already as of today; missing or older rows are rebuilt from the buckets. Operations on
 * today touch no window row: today's buckets are merged in when read, and the summary columns follow from the
 * change marks.
 */
export async function applyToClosedWindows(
  trx: Knex.Transaction,
  source: string,
  operations: readonly Operation[],
  today: string,
  nowIso: string,
): Promise<void> {
  const byPair = pastOperationsByPair(operations, today);
  if (byPair.size === 0) return;
  const pairs: Pair[] = [...byPair.values()].map(list => ({
    entityRef: list[0].observation.entityRef,
    kpi: list[0].observation.kpi,
  }));
  const existing = await loadWindowRows(trx, pairs);
  // Day arithmetic once per window length, not once per row.
  const windowStarts = new Map(
    STANDARD_WINDOW_DAYS.map(w => [
      w as number,
      {
        currentFrom: addDaysToDay(today, -(w - 1)),
        previousFrom: addDaysToDay(today, -(2 * w - 1)),
      },
    ]),
  );
  const rebuild: Pair[] = [];
  const updates: Record<string, unknown>[] = [];
  for (const pair of pairs) {
    const pairOperations = byPair.get(pairKey(pair.entityRef, pair.kpi))!;
    const rows = STANDARD_WINDOW_DAYS.map(w =>
      existing.get(windowKey(pair.entityRef, pair.kpi, w)),
    );
    const aggregator = aggregatorFor(pair.kpi);
    // A stored window part (adoption keeps its latest day) cannot take a removal: rebuild from the buckets.
    const partCannotTake =
      aggregator.hasWindowPart && pairOperations.some(o => o.sign < 0);
    if (partCannotTake || rows.some(row => !row || row.as_of !== today)) {
      rebuild.push(pair);
      continue;
    }
    for (const row of rows as WindowRow[]) {
      const { currentFrom, previousFrom } = windowStarts.get(row.window_days)!;
      const ops = pairOperations.filter(o => o.day >= previousFrom);
      if (ops.length === 0) continue;
      const sources = new Set<string>(JSON.parse(row.sources));
      if (ops.some(o => o.sign > 0)) sources.add(source);
      // The summary columns stay as they are until the pair's change mark is taken up.
      updates.push({
        ...row,
        current_aggregate: applyTo(
          aggregator,
          row.current_aggregate,
          ops.filter(o => o.day >= currentFrom),
        ),
        previous_aggregate: applyTo(
          aggregator,
          row.previous_aggregate,
          ops.filter(o => o.day < currentFrom),
        ),
        sources: JSON.stringify([...sources].sort()),
        last_data_at: nowIso,
      });
    }
  }
  await writeWindowRows(trx, updates);
  await rebuildWindows(trx, rebuild, today);
}
