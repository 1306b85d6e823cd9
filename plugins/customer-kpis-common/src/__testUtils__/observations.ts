// Test data: valid observations of every KPI, as fast-check arbitraries and as one-line builders.
import fc from 'fast-check';
import { KpiId } from '../kpis/ids';
import { ObservationOf, observationSchemas } from '../observations/schemas';

const BASE_MS = Date.UTC(2025, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString();
const envelope = {
  id: 'obs',
  entityRef: 'component:default/shop',
  timestamp: '2025-03-01T12:00:00.000Z',
};
const DAYS = ['2025-03-01', '2025-03-02', '2025-03-03'];

/** Parses an observation of `kpi` built from a payload on a standard envelope (fails loudly if invalid). */
export function observation<K extends KpiId>(
  kpi: K,
  payload: Record<string, unknown>,
): ObservationOf<K> {
  return observationSchemas[kpi].parse({
    ...envelope,
    kpi,
    ...payload,
  }) as ObservationOf<K>;
}

/** A time-to-resolve observation of `minutes`, optionally with business minutes. */
export function ticket(minutes: number, businessMinutes?: number) {
  return observation('time-to-resolve', {
    openedAt: iso(BASE_MS),
    resolvedAt: iso(BASE_MS + minutes * 60000),
    ...(businessMinutes !== undefined && { businessMinutes }),
  });
}

/** A time-to-value observation that reached value after `minutes`, or is still pending (null). */
export function journey(minutes: number | null) {
  return observation('time-to-value', {
    startedAt: iso(BASE_MS),
    valueAt: minutes === null ? null : iso(BASE_MS + minutes * 60000),
  });
}

const durationMs = fc.integer({ min: 0, max: 90 * 24 * 60 * 60000 });

/** An arbitrary valid observation of each KPI. */
export const observationArbitraries: {
  [K in KpiId]: fc.Arbitrary<ObservationOf<K>>;
} = {
  recommend: fc
    .integer({ min: 0, max: 10 })
    .map(score => observation('recommend', { score })),
  satisfaction: fc
    .integer({ min: 1, max: 5 })
    .map(score => observation('satisfaction', { score })),
  'customer-effort': fc
    .tuple(
      fc.constantFrom(5 as const, 7 as const),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.boolean(),
    )
    .map(([scale, r, inverted]) =>
      observation('customer-effort', {
        scale,
        score: 1 + Math.min(scale - 1, Math.floor(r * scale)),
        inverted,
      }),
    ),
  'time-to-resolve': fc
    .tuple(durationMs, fc.option(fc.double({ min: 0, max: 1, noNaN: true })))
    .map(([ms, share]) =>
      observation('time-to-resolve', {
        openedAt: iso(BASE_MS),
        resolvedAt: iso(BASE_MS + ms),
        ...(share !== null && {
          businessMinutes: Math.round((ms / 60000) * share * 100) / 100,
        }),
      }),
    ),
  'time-to-value': fc.option(durationMs).map(ms =>
    observation('time-to-value', {
      startedAt: iso(BASE_MS),
      valueAt: ms === null ? null : iso(BASE_MS + ms),
    }),
  ),
  adoption: fc
    .tuple(
      fc.constantFrom(...DAYS),
      fc.array(fc.integer({ min: 0, max: 10000 }), {
        minLength: 4,
        maxLength: 4,
      }),
    )
    .map(([date, values]) => {
      const [dau, wau, mau, eligible] = [...values].sort((a, b) => a - b);
      return observation('adoption', { date, dau, wau, mau, eligible });
    }),
  retention: fc
    .tuple(
      fc.integer({ min: 0, max: 5000 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.integer({ min: 0, max: 500 }),
    )
    .map(([start, keptShare, added]) => {
      const kept = Math.floor(start * keptShare);
      return observation('retention', {
        periodStart: '2025-01-01',
        periodEnd: '2025-01-31',
        start,
        end: kept + added,
        new: added,
      });
    }),
};
