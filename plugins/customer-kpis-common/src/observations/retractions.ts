// Retractions: the ids of observations that no longer hold (a reopened ticket, a withdrawn answer), and the rule
// that one batch may not both observe and retract an id.
import { z } from 'zod';
import { observationIdSchema } from './fields';

/**
 * The ids a batch retracts: each a valid observation id (1–200 characters, trimmed), compared with stored ids as
 * observation ids are.
 */
export const retractionsSchema = z.array(observationIdSchema);

/** An id a batch both observes and retracts: where in each list. */
export interface ObservedAndRetracted {
  id: string;
  /** The index of the observation with the id. */
  observationIndex: number;
  /** The index of the retraction of the id. */
  retractionIndex: number;
}

/**
 * The ids that a batch both observes and retracts, in the order of the retractions. Observation ids are compared
 * trimmed, as they are stored; items without a string id are left to the observation's own validation.
 */
export function observedAndRetracted(
  observations: readonly unknown[],
  retractions: readonly string[],
): ObservedAndRetracted[] {
  const observed = new Map<string, number>();
  observations.forEach((item, index) => {
    const id = (item as { id?: unknown } | null)?.id;
    if (typeof id === 'string' && !observed.has(id.trim()))
      observed.set(id.trim(), index);
  });
  const clashes: ObservedAndRetracted[] = [];
  retractions.forEach((raw, retractionIndex) => {
    const id = raw.trim();
    const observationIndex = observed.get(id);
    if (observationIndex !== undefined)
      clashes.push({ id, observationIndex, retractionIndex });
  });
  return clashes;
}
