// Parsing observations of unknown origin into typed ones, with issues that name the field, and their day buckets.
import { z } from 'zod';
import { KPI_IDS, isKpiId } from '../kpis/ids';
import { eventTimeIssues } from './eventTimes';
import { Observation, observationSchemas } from './schemas';
import { describeValue } from './text';

/** One reason an input was rejected: the field's dotted path ("" for the whole input) and a message naming it. */
export interface ObservationIssue {
  path: string;
  message: string;
}

/** The result of {@link safeParseObservation}. */
export type ObservationParseResult =
  | { success: true; observation: Observation }
  | { success: false; issues: ObservationIssue[] };

/** Thrown by {@link parseObservation}; carries the issues. */
export class ObservationValidationError extends Error {
  readonly issues: ObservationIssue[];

  constructor(issues: ObservationIssue[]) {
    super(
      `Invalid observation: ${issues.map(issue => issue.message).join('; ')}`,
    );
    this.name = 'ObservationValidationError';
    this.issues = issues;
  }
}

/** Turns zod issues into {@link ObservationIssue}s whose messages always name the field. */
export function toObservationIssues(error: z.ZodError): ObservationIssue[] {
  return error.issues.flatMap(issue => {
    if (issue.code === 'unrecognized_keys') {
      // A key is quoted only when it is long or odd, so that the usual "scroe is not a field" stays readable.
      return issue.keys.map(key => ({
        path: [...issue.path, key].join('.'),
        message: `${
          /^[\w.-]{1,40}$/.test(key) ? key : describeValue(key)
        } is not a field of this observation`,
      }));
    }
    const path = issue.path.map(String).join('.');
    const message =
      path && !issue.message.includes(path)
        ? `${path}: ${issue.message}`
        : issue.message;
    return [{ path, message }];
  });
}

/** Options of {@link safeParseObservation} and {@link parseObservation}. */
export interface ParseObservationOptions {
  /** The time the event-time range is checked against (times up to now + 1 day pass); the clock by default. */
  now?: Date;
}

/**
 * Validates and normalises an observation of any KPI: its shape, its cross-field rules and the range of its times
 * (see `eventTimeIssues`). Never throws; an unknown `kpi` is one issue on `kpi`. The push API and the source runner
 * both call this, so that an observation is valid or not whichever way it arrives.
 */
export function safeParseObservation(
  input: unknown,
  options: ParseObservationOptions = {},
): ObservationParseResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return {
      success: false,
      issues: [{ path: '', message: 'observation must be a JSON object' }],
    };
  }
  const kpi = (input as { kpi?: unknown }).kpi;
  if (!isKpiId(kpi)) {
    const got =
      kpi === undefined
        ? 'kpi is required'
        : `kpi ${JSON.stringify(kpi)} is not a KPI`;
    return {
      success: false,
      issues: [
        {
          path: 'kpi',
          message: `${got}; kpi must be one of ${KPI_IDS.join(', ')}`,
        },
      ],
    };
  }
  const result = observationSchemas[kpi].safeParse(input);
  if (!result.success) {
    return { success: false, issues: toObservationIssues(result.error) };
  }
  const observation = result.data as Observation;
  const timeIssues = eventTimeIssues(observation, options.now ?? new Date());
  return timeIssues.length > 0
    ? { success: false, issues: timeIssues }
    : { success: true, observation };
}

/** The issues of one item of a batch: its index in the batch, the field's path and the message. */
export interface ObservationBatchIssue extends ObservationIssue {
  index: number;
}

/**
 * Parses a batch item by item with {@link safeParseObservation} against one `now`: the valid observations in
 * order, and every issue of the others with the item's index. The push API and the source runner both use it.
 */
export function parseObservationBatch(
  items: readonly unknown[],
  options: ParseObservationOptions = {},
): { valid: Observation[]; issues: ObservationBatchIssue[] } {
  const now = options.now ?? new Date();
  const valid: Observation[] = [];
  const issues: ObservationBatchIssue[] = [];
  items.forEach((item, index) => {
    const result = safeParseObservation(item, { now });
    if (result.success) valid.push(result.observation);
    else issues.push(...result.issues.map(issue => ({ index, ...issue })));
  });
  return { valid, issues };
}

/** Validates and normalises an observation of any KPI; throws {@link ObservationValidationError} when invalid. */
export function parseObservation(
  input: unknown,
  options: ParseObservationOptions = {},
): Observation {
  const result = safeParseObservation(input, options);
  if (!result.success) {
    throw new ObservationValidationError(result.issues);
  }
  return result.observation;
}

/**
 * The UTC day (`YYYY-MM-DD`) an observation is counted on: adoption its `date`, time to resolve its `resolvedAt`,
 * time to value its `startedAt` (the start cohort), retention its `periodEnd`, survey answers their `timestamp`.
 */
export function observationDay(observation: Observation): string {
  switch (observation.kpi) {
    case 'adoption':
      return observation.date;
    case 'retention':
      return observation.periodEnd;
    case 'time-to-resolve':
      return observation.resolvedAt.slice(0, 10);
    case 'time-to-value':
      return observation.startedAt.slice(0, 10);
    default:
      return observation.timestamp.slice(0, 10);
  }
}
