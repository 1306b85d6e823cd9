// The observations the seeded warehouse should give, built straight from the seed rows (not through the source).
import { Observation } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { SeedRows } from './warehouses';

/** The entity refs of the seeded products that the test catalog binds (`legacy` is bound to nothing). */
export const CHECKOUT = 'component:default/checkout-service';
/** See {@link CHECKOUT}. */
export const SEARCH = 'component:default/search-service';
const REF_OF: Record<string, string> = { checkout: CHECKOUT, search: SEARCH };

const iso = (warehouseTime: string) =>
  `${warehouseTime.replace(' ', 'T')}.000Z`;

/** The observations the seed should give, built straight from the seed rows. */
export function expectedObservations(
  rows: SeedRows,
): Record<string, Observation[]> {
  const bound = <T extends { product: string }>(list: T[]) =>
    list.filter(r => REF_OF[r.product]);
  return {
    adoption: bound(rows.usage).map(r => ({
      id: `adoption/${r.day}/${REF_OF[r.product]}`,
      kpi: 'adoption',
      entityRef: REF_OF[r.product],
      date: r.day,
      dau: r.dau,
      wau: r.wau,
      mau: r.mau,
      eligible: r.eligible,
    })),
    retention: bound(rows.retention).map(r => ({
      id: `retention/${r.period_start}..${r.period_end}/${REF_OF[r.product]}`,
      kpi: 'retention',
      entityRef: REF_OF[r.product],
      periodStart: r.period_start,
      periodEnd: r.period_end,
      start: r.customers_start,
      end: r.customers_end,
      new: r.customers_new,
    })),
    'time-to-value': bound(rows.journeys).map(r => ({
      id: `time-to-value/${r.journey_id}/${REF_OF[r.product]}`,
      kpi: 'time-to-value',
      entityRef: REF_OF[r.product],
      startedAt: iso(r.started_at),
      ...(r.value_at ? { valueAt: iso(r.value_at) } : {}),
    })),
    'time-to-resolve': bound(rows.tickets).map(r => ({
      id: `time-to-resolve/${r.ticket_id}/${REF_OF[r.product]}`,
      kpi: 'time-to-resolve',
      entityRef: REF_OF[r.product],
      openedAt: iso(r.opened_at),
      resolvedAt: iso(r.resolved_at),
      businessMinutes: r.business_minutes,
    })),
    satisfaction: bound(rows.csat).map(r => ({
      id: `satisfaction/${r.response_id}/${REF_OF[r.product]}`,
      kpi: 'satisfaction',
      entityRef: REF_OF[r.product],
      timestamp: iso(r.answered_at),
      score: r.score,
    })),
    'customer-effort': bound(rows.ces).map(r => ({
      id: `customer-effort/${r.response_id}/${REF_OF[r.product]}`,
      kpi: 'customer-effort',
      entityRef: REF_OF[r.product],
      timestamp: iso(r.answered_at),
      score: r.score,
      scale: 7,
    })),
    recommend: rows.nps
      .filter(r => [CHECKOUT, SEARCH].includes(r.entity_ref))
      .map(r => ({
        id: `recommend/${r.response_id}/${r.entity_ref}`,
        kpi: 'recommend',
        entityRef: r.entity_ref,
        timestamp: iso(r.answered_at),
        score: r.score,
      })),
  } as Record<string, Observation[]>;
}
