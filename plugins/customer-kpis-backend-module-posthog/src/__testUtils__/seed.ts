// Seeded PostHog events and catalog entities for the source's tests: two products and a project over three months.
import { Entity } from '@backstage/catalog-model';
import { testEntity } from '@customer-kpis/backstage-plugin-customer-kpis-node/testUtils';
import { FakeEvent } from './fakePostHog';

export const PROJECT_ID = '12345';
export const API_KEY = 'phx_test_personal_key_4f9a2c71';
export const NOW = new Date('2026-11-23T10:00:00Z');

/** checkout (fixed eligible users), search (eligible from the cohort), the shop system (the whole project). */
export const ENTITIES: Entity[] = [
  testEntity('checkout', {
    'posthog.com/product': 'checkout',
    'posthog.com/eligible-users': '40',
  }),
  testEntity('search', { 'posthog.com/product': 'search' }),
  testEntity('shop', { 'posthog.com/project-id': PROJECT_ID }, 'System'),
  // another project: not fed by this instance
  testEntity('elsewhere', { 'posthog.com/project-id': '999' }),
];

export const COHORT_ID = 7;
export const COHORT = Array.from({ length: 60 }, (_, i) => `u${i}`);

const iso = (day: number, hour: number) =>
  new Date(
    Date.parse('2026-08-25T00:00:00Z') + day * 86_400_000 + hour * 3_600_000,
  ).toISOString();

/**
 * About three months of events (2026-08-25 to NOW) of 24 persons: each is active on a pattern of days between a first
 * and a last day of their own (some churn, some are new), on checkout, search or both; noise events that are not
 * active events; and sign-up → first report journeys, some reached, some not (yet).
 */
export function seedEvents(now: Date = NOW): FakeEvent[] {
  const events: FakeEvent[] = [];
  const dayIndex = (date: Date) =>
    Math.floor(
      (date.getTime() - Date.parse('2026-08-25T00:00:00Z')) / 86_400_000,
    );
  // activity runs until `now`; journeys and noise are anchored to NOW, so a later `now` only adds events
  const lastDay = dayIndex(now);
  const anchor = dayIndex(NOW);
  for (let p = 0; p < 24; p++) {
    const person = `u${p}`;
    const first = (p * 11) % 70;
    const last = p % 5 === 0 ? 40 + p : lastDay;
    const products = [['checkout', 'search'], ['checkout'], ['search']][p % 3];
    for (let day = first; day <= Math.min(last, lastDay); day++) {
      if ((day * (p + 2) + p) % 5 >= 2) continue;
      products.forEach((product, i) => {
        const timestamp = iso(day, 8 + ((p + i) % 9));
        if (timestamp < now.toISOString()) {
          events.push({
            person,
            event: 'pageview',
            timestamp,
            properties: { product },
          });
        }
      });
    }
    // noise that does not count as activity
    events.push({
      person: `bot${p}`,
      event: '$feature_flag_called',
      timestamp: iso(anchor - (p % 10), 3),
      properties: { product: 'checkout' },
    });
  }
  // journeys: sign-up, then the first report some hours or days later (or not yet)
  for (let p = 0; p < 16; p++) {
    const person = `j${p}`;
    const product = p % 2 === 0 ? 'checkout' : 'search';
    const startDay = anchor - 2 - ((p * 5) % 40);
    events.push({
      person,
      event: 'signed_up',
      timestamp: iso(startDay, 9),
      properties: { product },
    });
    if (p % 4 !== 3) {
      const valueAt = iso(startDay, 9 + 3 * (p + 1));
      if (valueAt < now.toISOString()) {
        events.push({
          person,
          event: 'report_created',
          timestamp: valueAt,
          properties: { product },
        });
      }
    }
    // a second sign-up does not start a second journey
    events.push({
      person,
      event: 'signed_up',
      timestamp: iso(startDay + 1, 9),
      properties: { product },
    });
  }
  return events.sort((a, b) => a.timestamp.localeCompare(b.timestamp));
}
