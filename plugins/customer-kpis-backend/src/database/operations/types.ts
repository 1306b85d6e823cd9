// Types the store's operations hand to each other.
import {
  KpiId,
  KpiSummary,
  Observation,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { Knex } from 'knex';

/** One observation's effect on the aggregates: added (+1) or un-merged (−1), on the day it counts for. */
export interface Operation {
  observation: Observation;
  day: string;
  sign: 1 | -1;
}

/** An (entity, KPI) pair. */
export interface Pair {
  entityRef: string;
  kpi: KpiId;
}

/** What the `summary` column of a window row holds (as JSON). */
export interface StoredSummaries {
  current: KpiSummary;
  previous: KpiSummary;
}

/** A database handle or a transaction: reads take either. */
export type Db = Knex | Knex.Transaction;
