import { KPI_IDS } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { emptySummary, entityKpisResponse } from '../../__testUtils__/fixtures';
import { entityKpisState, isNotAllowed, isStale } from './kpiState';

const now = new Date('2025-06-30T12:00:00Z');
const empty = Object.fromEntries(
  KPI_IDS.map(kpi => [kpi, { summary: emptySummary(kpi), lastUpdated: null }]),
);

describe('entityKpisState', () => {
  it('is unbound without a binding annotation and without values', () => {
    expect(
      entityKpisState(entityKpisResponse({ bound: false }, empty), now),
    ).toEqual({
      kind: 'unbound',
    });
  });

  it('is waiting for data when bound and every n is 0', () => {
    expect(
      entityKpisState(entityKpisResponse({ bound: true }, empty), now),
    ).toEqual({
      kind: 'no-data',
    });
  });

  it('is stale when even the newest data is more than two days old', () => {
    const old = Object.fromEntries(
      KPI_IDS.map(kpi => [kpi, { lastUpdated: '2025-06-27T12:00:00Z' }]),
    );
    expect(entityKpisState(entityKpisResponse({}, old), now)).toEqual({
      kind: 'ready',
      stale: true,
      lastUpdated: '2025-06-27T12:00:00Z',
    });
  });

  it('is fresh when one KPI has recent data', () => {
    const mixed = Object.fromEntries(
      KPI_IDS.map(kpi => [
        kpi,
        {
          lastUpdated:
            kpi === 'retention'
              ? '2025-06-30T06:00:00Z'
              : '2025-06-01T00:00:00Z',
        },
      ]),
    );
    expect(entityKpisState(entityKpisResponse({}, mixed), now)).toEqual({
      kind: 'ready',
      stale: false,
    });
  });
});

describe('isStale and isNotAllowed', () => {
  it('calls data stale after 48 hours', () => {
    expect(isStale('2025-06-28T12:00:01Z', now)).toBe(false);
    expect(isStale('2025-06-28T11:59:59Z', now)).toBe(true);
    expect(isStale(null, now)).toBe(false);
  });

  it('recognises a 403 or a NotAllowedError', () => {
    expect(
      isNotAllowed(Object.assign(new Error('x'), { statusCode: 403 })),
    ).toBe(true);
    expect(
      isNotAllowed(Object.assign(new Error('x'), { name: 'NotAllowedError' })),
    ).toBe(true);
    expect(
      isNotAllowed(Object.assign(new Error('x'), { statusCode: 500 })),
    ).toBe(false);
  });
});
