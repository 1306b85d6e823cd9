// A small ServiceNow instance for the tests: entities bound in each supported way, incidents in every state that
// matters, and survey answers of three metrics.
import { Observation } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { testEntity } from '@customer-kpis/backstage-plugin-customer-kpis-node/testUtils';
import { FakeRecord } from './fakeServiceNow';

/** A sys_id made from a short tag: `sid('inc1')` → 32 lower-case hex digits. */
export const sid = (tag: string) =>
  Buffer.from(tag).toString('hex').padStart(32, '0').slice(-32);

export const BS_PAYMENTS = sid('bs-pay');
export const GROUP_CHECKOUT_A = sid('grp-co-a');
export const GROUP_CHECKOUT_B = sid('grp-co-b');
export const GROUP_PLATFORM = sid('grp-pl');
export const GROUP_OTHER = sid('grp-x');
export const CI_PLATFORM = sid('ci-pl');

export const entities = [
  testEntity('payments', {
    'servicenow.com/business_service': BS_PAYMENTS,
  }),
  testEntity('checkout', {
    'servicenow.com/assignment_group': `${GROUP_CHECKOUT_A}, ${GROUP_CHECKOUT_B}`,
  }),
  // Both annotations must match, as in the community plugin.
  testEntity(
    'platform',
    {
      'servicenow.com/cmdb_ci': CI_PLATFORM,
      'servicenow.com/assignment_group': GROUP_PLATFORM,
    },
    'System',
  ),
  testEntity('portal', { 'servicenow.com/entity-id': 'portal' }),
];

export const INC = {
  resolved: sid('inc01'),
  open: sid('inc02'),
  tieA: sid('inc03'),
  tieB: sid('inc04'),
  tieC: sid('inc05'),
  longBusiness: sid('inc06'),
  noResolvedAt: sid('inc07'),
  canceled: sid('inc08'),
  portal: sid('inc09'),
  settling: sid('inc10'),
};

export function incidents(): FakeRecord[] {
  return [
    {
      sys_id: INC.resolved,
      number: 'INC0010001',
      state: '6',
      business_service: BS_PAYMENTS,
      assignment_group: GROUP_OTHER,
      cmdb_ci: '',
      opened_at: '2026-11-02 09:00:00',
      resolved_at: '2026-11-02 13:30:00',
      business_duration: '1970-01-01 04:30:00',
      sys_updated_on: '2026-11-02 13:30:00',
    },
    {
      sys_id: INC.open,
      number: 'INC0010002',
      state: '2',
      business_service: BS_PAYMENTS,
      assignment_group: '',
      cmdb_ci: '',
      opened_at: '2026-11-03 09:00:00',
      resolved_at: '',
      business_duration: '',
      sys_updated_on: '2026-11-03 09:00:00',
    },
    // Three records updated in the same second: the page boundary falls between them.
    {
      sys_id: INC.tieA,
      number: 'INC0010003',
      state: '7',
      business_service: '',
      assignment_group: GROUP_CHECKOUT_B,
      cmdb_ci: CI_PLATFORM,
      opened_at: '2026-11-03 10:00:00',
      resolved_at: '2026-11-05 10:00:00',
      business_duration: '1970-01-01 16:00:00',
      sys_updated_on: '2026-11-05 10:00:00',
    },
    {
      // No business_duration field at all.
      sys_id: INC.tieB,
      number: 'INC0010004',
      state: '6',
      business_service: '',
      assignment_group: GROUP_PLATFORM,
      cmdb_ci: CI_PLATFORM,
      opened_at: '2026-11-04 08:00:00',
      resolved_at: '2026-11-04 20:00:00',
      sys_updated_on: '2026-11-05 10:00:00',
    },
    {
      sys_id: INC.tieC,
      number: 'INC0010005',
      state: '6',
      business_service: '',
      assignment_group: GROUP_OTHER,
      cmdb_ci: CI_PLATFORM,
      opened_at: '2026-11-04 08:00:00',
      resolved_at: '2026-11-04 09:00:00',
      business_duration: '1970-01-01 01:00:00',
      sys_updated_on: '2026-11-05 10:00:00',
    },
    {
      sys_id: INC.longBusiness,
      number: 'INC0010006',
      state: '6',
      business_service: BS_PAYMENTS,
      assignment_group: '',
      cmdb_ci: '',
      opened_at: '2026-11-06 08:00:00',
      resolved_at: '2026-11-06 09:00:00',
      business_duration: '1970-01-02 00:00:00',
      sys_updated_on: '2026-11-06 09:00:00',
    },
    {
      // Resolved state, but the resolved_at field is missing from the record.
      sys_id: INC.noResolvedAt,
      number: 'INC0010007',
      state: '6',
      u_backstage_entity_id: 'portal',
      opened_at: '2026-11-07 08:00:00',
      sys_updated_on: '2026-11-07 09:00:00',
    },
    {
      sys_id: INC.canceled,
      number: 'INC0010008',
      state: '8',
      u_backstage_entity_id: 'portal',
      opened_at: '2026-11-08 08:00:00',
      resolved_at: '2026-11-08 09:00:00',
      business_duration: '1970-01-01 01:00:00',
      sys_updated_on: '2026-11-08 09:00:00',
    },
    {
      sys_id: INC.portal,
      number: 'INC0010009',
      state: '7',
      u_backstage_entity_id: 'portal',
      opened_at: '2026-11-09 08:00:00',
      resolved_at: '2026-11-10 08:00:00',
      business_duration: '1970-01-01 08:00:00',
      sys_updated_on: '2026-11-10 08:00:00',
    },
    {
      // Updated 30 s before "now": left for the next run (settleSeconds 60).
      sys_id: INC.settling,
      number: 'INC0010010',
      state: '6',
      business_service: BS_PAYMENTS,
      opened_at: '2026-11-23 08:00:00',
      resolved_at: '2026-11-23 09:00:00',
      business_duration: '1970-01-01 01:00:00',
      sys_updated_on: '2026-11-23 09:59:30',
    },
  ];
}

export const METRIC = {
  csat: sid('m-csat'),
  nps: sid('m-nps'),
  ces: sid('m-ces'),
  other: sid('m-other'),
};
const INSTANCE = {
  inc1: sid('ai-1'),
  tieA: sid('ai-2'),
  portalReady: sid('ai-3'),
  request: sid('ai-4'),
};

export function surveyTables(): Record<string, FakeRecord[]> {
  return {
    asmt_metric: [
      { sys_id: METRIC.csat, name: 'Satisfaction' },
      { sys_id: METRIC.nps, name: 'Recommend' },
      { sys_id: METRIC.ces, name: 'Effort' },
      { sys_id: METRIC.other, name: 'Comments' },
    ],
    asmt_assessment_instance: [
      {
        sys_id: INSTANCE.inc1,
        state: 'complete',
        trigger_table: 'incident',
        trigger_id: INC.resolved,
        taken_on: '2026-11-02 14:00:00',
      },
      {
        sys_id: INSTANCE.tieA,
        state: 'complete',
        trigger_table: 'incident',
        trigger_id: INC.tieA,
        taken_on: '2026-11-05 12:00:00',
      },
      {
        sys_id: INSTANCE.portalReady,
        state: 'ready',
        trigger_table: 'incident',
        trigger_id: INC.portal,
        taken_on: '',
      },
      {
        sys_id: INSTANCE.request,
        state: 'complete',
        trigger_table: 'sc_req_item',
        trigger_id: INC.resolved,
        taken_on: '2026-11-06 12:00:00',
      },
    ],
    asmt_metric_result: [
      result('r1', METRIC.csat, INSTANCE.inc1, '4', '2026-11-02 14:00:05'),
      result('r2', METRIC.nps, INSTANCE.inc1, '9', '2026-11-02 14:00:05'),
      result('r3', METRIC.ces, INSTANCE.tieA, '6', '2026-11-05 12:00:01'),
      // no answer to this question
      result('r4', METRIC.csat, INSTANCE.tieA, '-1', '2026-11-05 12:00:01'),
      result(
        'r5',
        METRIC.csat,
        INSTANCE.portalReady,
        '5',
        '2026-11-10 09:00:00',
      ),
      result('r6', METRIC.other, INSTANCE.inc1, '3', '2026-11-02 14:00:05'),
      result('r7', METRIC.csat, INSTANCE.request, '5', '2026-11-06 12:00:00'),
    ],
  };
}

function result(
  tag: string,
  metric: string,
  instance: string,
  actualValue: string,
  updatedOn: string,
): FakeRecord {
  return {
    sys_id: sid(tag),
    metric,
    instance,
    actual_value: actualValue,
    string_value: '',
    sys_created_on: updatedOn,
    sys_updated_on: updatedOn,
  };
}

export const REFERENCES = {
  metric: 'asmt_metric',
  instance: 'asmt_assessment_instance',
};

export const SURVEY_METRICS = [
  { metric: METRIC.csat, kpi: 'satisfaction' },
  { metric: 'Recommend', kpi: 'recommend', min: 0, max: 10 },
  { metric: 'Effort', kpi: 'customer-effort', min: 1, max: 7 },
];

const ref = (kind: string, name: string) => `${kind}:default/${name}`;
const task = (sysId: string, entityRef: string) => `task/${sysId}/${entityRef}`;

export const EXPECTED_RESOLVED: Observation[] = [
  {
    id: task(INC.resolved, ref('component', 'payments')),
    kpi: 'time-to-resolve',
    entityRef: ref('component', 'payments'),
    openedAt: '2026-11-02T09:00:00.000Z',
    resolvedAt: '2026-11-02T13:30:00.000Z',
    businessMinutes: 270,
  },
  {
    id: task(INC.tieA, ref('component', 'checkout')),
    kpi: 'time-to-resolve',
    entityRef: ref('component', 'checkout'),
    openedAt: '2026-11-03T10:00:00.000Z',
    resolvedAt: '2026-11-05T10:00:00.000Z',
    businessMinutes: 960,
  },
  // no business_duration: calendar time only
  {
    id: task(INC.tieB, ref('system', 'platform')),
    kpi: 'time-to-resolve',
    entityRef: ref('system', 'platform'),
    openedAt: '2026-11-04T08:00:00.000Z',
    resolvedAt: '2026-11-04T20:00:00.000Z',
  },
  // a business duration longer than the calendar time is dropped, the record kept
  {
    id: task(INC.longBusiness, ref('component', 'payments')),
    kpi: 'time-to-resolve',
    entityRef: ref('component', 'payments'),
    openedAt: '2026-11-06T08:00:00.000Z',
    resolvedAt: '2026-11-06T09:00:00.000Z',
  },
  {
    id: task(INC.portal, ref('component', 'portal')),
    kpi: 'time-to-resolve',
    entityRef: ref('component', 'portal'),
    openedAt: '2026-11-09T08:00:00.000Z',
    resolvedAt: '2026-11-10T08:00:00.000Z',
    businessMinutes: 480,
  },
];

/** Bound records that are not (or not readably) resolved: open, resolved without resolved_at, canceled. */
export const EXPECTED_RETRACTED = [
  task(INC.open, ref('component', 'payments')),
  task(INC.noResolvedAt, ref('component', 'portal')),
  task(INC.canceled, ref('component', 'portal')),
];

const answer = (tag: string, entityRef: string) =>
  `survey-result/${sid(tag)}/${entityRef}`;

export const EXPECTED_SURVEYS: Observation[] = [
  {
    id: answer('r1', ref('component', 'payments')),
    kpi: 'satisfaction',
    entityRef: ref('component', 'payments'),
    timestamp: '2026-11-02T14:00:00.000Z',
    score: 4,
  },
  {
    id: answer('r2', ref('component', 'payments')),
    kpi: 'recommend',
    entityRef: ref('component', 'payments'),
    timestamp: '2026-11-02T14:00:00.000Z',
    score: 9,
  },
  {
    id: answer('r3', ref('component', 'checkout')),
    kpi: 'customer-effort',
    entityRef: ref('component', 'checkout'),
    timestamp: '2026-11-05T12:00:00.000Z',
    score: 6,
    scale: 7,
  },
];

/** The unanswered question (-1) is not on the metric's scale: retracted in case it was answered before. */
export const EXPECTED_SURVEY_RETRACTED = [
  answer('r4', ref('component', 'checkout')),
];
