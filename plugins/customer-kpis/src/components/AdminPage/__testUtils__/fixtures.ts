// Test data of the admin page: the source types as the API describes them, sources, runs and coverage.
import {
  CoverageCell,
  CoverageResponse,
  KPI_IDS,
  SourceRunResponse,
  SourceSummary,
  SourceTypeSummary,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { CustomerKpisApi } from '../../../api';

/** The `prometheus` type's config schema as `GET /sources/types` returns it. */
export const prometheusType: SourceTypeSummary = {
  id: 'prometheus',
  title: 'Prometheus',
  description: 'Active-user gauges from Prometheus.',
  kpis: ['adoption'],
  annotation: 'prometheus.io/active-users-selector',
  configSchema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    properties: {
      baseUrl: {
        type: 'string',
        format: 'uri',
        title: 'Prometheus URL',
        description: 'The Prometheus HTTP API origin.',
      },
      credential: {
        title: 'Bearer token credential',
        description: 'NAME of a credential sent as a bearer token.',
        type: 'string',
        minLength: 1,
      },
      queries: {
        default: {},
        title: 'Query templates',
        description: 'PromQL templates of the four gauges.',
        type: 'object',
        properties: {
          dau: {
            type: 'string',
            minLength: 1,
            title: 'Daily active users query',
          },
          wau: {
            type: 'string',
            minLength: 1,
            title: 'Weekly active users query',
          },
        },
        additionalProperties: false,
      },
      historyDays: {
        default: 30,
        title: 'History (days)',
        description: 'Days read on the first run.',
        type: 'integer',
        minimum: 1,
        maximum: 3650,
      },
      minRetryDelayMs: {
        default: 1000,
        title: 'First retry delay (ms)',
        type: 'integer',
        minimum: 1,
        maximum: 9007199254740991,
      },
    },
    required: ['baseUrl'],
    additionalProperties: false,
  },
};

/**
 * A type with every other kind of field: pattern, required credential, boolean, number, enum, enum list; and no
 * titles, as a module may leave them out (the form then names each field by its key in words).
 */
export const zendeskType: SourceTypeSummary = {
  id: 'zendesk',
  title: 'Zendesk',
  description: 'Tickets and ratings.',
  kpis: ['time-to-resolve', 'satisfaction'],
  annotation: 'zendesk.com/group-id',
  configSchema: {
    type: 'object',
    properties: {
      subdomain: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$' },
      email: { type: 'string', minLength: 3 },
      credential: { type: 'string', minLength: 1 },
      satisfaction: { type: 'boolean', default: true },
      ratingRevisitHours: { type: 'number', minimum: 0, maximum: 720 },
      region: { type: 'string', enum: ['eu', 'us'] },
      kpis: {
        type: 'array',
        minItems: 1,
        items: { type: 'string', enum: ['time-to-resolve', 'satisfaction'] },
      },
      headers: { type: 'object', additionalProperties: { type: 'string' } },
    },
    required: ['email', 'credential'],
  },
};

export function run(
  overrides: Partial<SourceRunResponse> = {},
): SourceRunResponse {
  return {
    id: 1,
    sourceId: 'prom',
    trigger: 'manual',
    status: 'succeeded',
    startedAt: '2025-06-30T10:00:00Z',
    finishedAt: '2025-06-30T10:00:02Z',
    durationMs: 2400,
    pages: 1,
    inserted: 30,
    unchanged: 0,
    replaced: 0,
    retracted: 0,
    entities: 1,
    error: null,
    ...overrides,
  };
}

export function source(overrides: Partial<SourceSummary> = {}): SourceSummary {
  return {
    id: 'prom',
    type: 'prometheus',
    title: 'Prometheus prod',
    origin: 'api',
    schedule: { frequency: { minutes: 30 } },
    config: { baseUrl: 'http://prometheus:9090' },
    typeAvailable: true,
    lastRun: null,
    lastSuccess: null,
    nextRunAt: null,
    ...overrides,
  };
}

const dataCell: CoverageCell = {
  state: 'data',
  lastDataAt: '2025-06-30T00:00:00Z',
  sources: ['demo'],
};

/** Two components: checkout fully covered, profile missing adoption (no annotation) and stale satisfaction. */
export function coverage(): CoverageResponse {
  const full = Object.fromEntries(KPI_IDS.map(kpi => [kpi, dataCell]));
  return {
    staleAfterDays: 2,
    rows: [
      {
        entityRef: 'component:default/checkout',
        title: 'Checkout',
        kind: 'component',
        owner: 'group:default/team-a',
        system: null,
        bindings: ['customer-kpis.io/demo'],
        cells: full as CoverageResponse['rows'][number]['cells'],
      },
      {
        entityRef: 'component:default/customer-profile',
        title: 'Customer Profile',
        kind: 'component',
        owner: null,
        system: null,
        bindings: [],
        cells: {
          ...(full as CoverageResponse['rows'][number]['cells']),
          adoption: {
            state: 'missing',
            reason: 'no-annotation',
            lastDataAt: null,
            sources: [],
          },
          satisfaction: {
            state: 'stale',
            lastDataAt: '2025-05-01T00:00:00Z',
            sources: ['zendesk'],
          },
        },
      },
    ],
    orphans: [
      {
        entityRef: 'component:default/old-shop',
        kpis: ['recommend'],
        lastDataAt: '2025-04-01T00:00:00Z',
      },
    ],
  };
}

/** The credentials of the server: names and the URLs each may be sent to. */
export const credentialSummaries = [
  { name: 'prometheus-token', allowedUrls: ['http://prometheus:9090'] },
  {
    name: 'zendesk-api',
    allowedUrls: ['https://acme.zendesk.com', 'https://proxy.example/zd'],
  },
];

/** An API whose admin calls answer with the fixtures; override any call. */
export function adminApi(
  overrides: Partial<Record<keyof CustomerKpisApi, jest.Mock>> = {},
): jest.Mocked<CustomerKpisApi> {
  return {
    listSources: jest.fn(async () => [source()]),
    listSourceTypes: jest.fn(async () => [prometheusType, zendeskType]),
    listCredentials: jest.fn(async () => credentialSummaries),
    createSource: jest.fn(async () => source()),
    updateSource: jest.fn(async () => source()),
    deleteSource: jest.fn(async () => {}),
    testSource: jest.fn(),
    runSource: jest.fn(async () => {}),
    listRuns: jest.fn(async () => []),
    getCoverage: jest.fn(async () => coverage()),
    ...overrides,
  } as unknown as jest.Mocked<CustomerKpisApi>;
}

/** A ResponseError-like error with the API's `{ error: { name, message } }` body. */
export function apiError(statusCode: number, name: string, message: string) {
  return Object.assign(new Error(`Request failed with ${statusCode}`), {
    name: 'ResponseError',
    statusCode,
    body: { error: { name, message } },
  });
}
