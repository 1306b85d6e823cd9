// Maps ServiceNow task records to time-to-resolve observations (or retractions), and survey answers to CSAT, CES or NPS.
import {
  Observation,
  safeParseObservation,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { RecordFields } from './bindings';
import { ServiceNowConfig, SurveyMetricConfig, SYS_ID_PATTERN } from './config';
import { glideDateTimeToIso, glideDurationMinutes } from './glideValues';

/** What a page of records gives: observations, ids to retract, and the number of records that could not be mapped. */
export interface Mapped {
  observations: Observation[];
  retractions: string[];
  skipped: number;
}

/** The id of the time-to-resolve observation of task `sysId` for one entity. */
export const taskObservationId = (sysId: string, entityRef: string) =>
  `task/${sysId}/${entityRef}`;

/** The id of the observation of survey answer `sysId` for one entity. */
export const surveyObservationId = (sysId: string, entityRef: string) =>
  `survey-result/${sysId}/${entityRef}`;

type TicketConfig = Pick<
  ServiceNowConfig,
  'resolvedStates' | 'openedAtField' | 'resolvedAtField' | 'businessDuration'
>;

/**
 * One time-to-resolve observation per bound entity of each resolved record: a state of `resolvedStates` and a
 * `resolvedAtField`. Opened at `openedAtField`; `business_duration` is the business time where set (dropped when it
 * exceeds the calendar time). A bound record that is not resolved (any more) is retracted: a reopened ticket leaves
 * the KPI until it is resolved again. So is a resolved record whose times cannot be read (counted in `skipped`).
 */
export function ticketObservations(
  records: RecordFields[],
  config: TicketConfig,
  entityRefsFor: (record: RecordFields) => string[],
): Mapped {
  const mapped: Mapped = { observations: [], retractions: [], skipped: 0 };
  for (const record of records) {
    const sysId = record.sys_id;
    const entityRefs = entityRefsFor(record);
    if (!sysId || entityRefs.length === 0) {
      continue;
    }
    const resolvedState = config.resolvedStates.includes(record.state ?? '');
    const openedAt = glideDateTimeToIso(record[config.openedAtField]);
    const resolvedAt = glideDateTimeToIso(record[config.resolvedAtField]);
    const retract = () =>
      mapped.retractions.push(
        ...entityRefs.map(ref => taskObservationId(sysId, ref)),
      );
    if (!resolvedState || !resolvedAt) {
      if (resolvedState) {
        mapped.skipped++;
      }
      retract();
      continue;
    }
    if (!openedAt) {
      mapped.skipped++;
      retract();
      continue;
    }
    const business = config.businessDuration
      ? glideDurationMinutes(record.business_duration)
      : undefined;
    for (const entityRef of entityRefs) {
      const input = {
        id: taskObservationId(sysId, entityRef),
        kpi: 'time-to-resolve',
        entityRef,
        openedAt,
        resolvedAt,
        ...(business === undefined ? {} : { businessMinutes: business }),
      };
      let result = safeParseObservation(input);
      if (!result.success && 'businessMinutes' in input) {
        // A business time longer than the calendar time is dropped, not the ticket.
        const { businessMinutes: _dropped, ...calendarOnly } = input;
        result = safeParseObservation(calendarOnly);
      }
      if (result.success) {
        mapped.observations.push(result.observation);
      } else {
        mapped.skipped++;
        mapped.retractions.push(input.id);
      }
    }
  }
  return mapped;
}

/** The configured metric that a survey answer belongs to: by the metric's sys_id, or by its name. */
export function metricOf(
  result: RecordFields,
  metrics: readonly SurveyMetricConfig[],
): SurveyMetricConfig | undefined {
  const sysId = result.metric?.toLowerCase();
  const name = result['metric.name'];
  return metrics.find(m =>
    SYS_ID_PATTERN.test(m.metric)
      ? m.metric.toLowerCase() === sysId
      : m.metric === name,
  );
}

/** The observation fields of an answer on its KPI's scale, or `undefined` when the answer is not on the metric's scale. */
function scoreFields(
  result: RecordFields,
  metric: SurveyMetricConfig,
): Record<string, unknown> | undefined {
  const raw = metric.values
    ? metric.values[result.string_value ?? '']
    : Number(result.actual_value ?? '');
  if (
    raw === undefined ||
    !Number.isInteger(raw) ||
    raw < metric.min ||
    raw > metric.max
  ) {
    return undefined;
  }
  switch (metric.kpi) {
    case 'satisfaction':
      return { kpi: 'satisfaction', score: raw - metric.min + 1 };
    case 'customer-effort':
      return {
        kpi: 'customer-effort',
        score: raw - metric.min + 1,
        scale: metric.max - metric.min + 1,
        ...(metric.inverted ? { inverted: true } : {}),
      };
    default:
      return { kpi: 'recommend', score: raw - metric.min };
  }
}

/**
 * One observation per bound entity of each answer (asmt_metric_result) of a configured metric, at the time its
 * assessment was taken (`instance.taken_on`, else the answer's `sys_created_on`), bound through the task that
 * triggered the assessment (`instance.trigger_id`). An answer that no longer maps is retracted.
 */
export function surveyObservations(
  results: RecordFields[],
  metrics: readonly SurveyMetricConfig[],
  entityRefsFor: (result: RecordFields) => string[],
): Mapped {
  const mapped: Mapped = { observations: [], retractions: [], skipped: 0 };
  for (const result of results) {
    const sysId = result.sys_id;
    const entityRefs = entityRefsFor(result);
    if (!sysId || entityRefs.length === 0) {
      continue;
    }
    const metric = metricOf(result, metrics);
    const fields = metric && scoreFields(result, metric);
    const timestamp =
      glideDateTimeToIso(result['instance.taken_on']) ??
      glideDateTimeToIso(result.sys_created_on);
    for (const entityRef of entityRefs) {
      const id = surveyObservationId(sysId, entityRef);
      const parsed =
        fields && timestamp
          ? safeParseObservation({ id, entityRef, timestamp, ...fields })
          : undefined;
      if (parsed?.success) {
        mapped.observations.push(parsed.observation);
      } else {
        mapped.skipped++;
        mapped.retractions.push(id);
      }
    }
  }
  return mapped;
}
