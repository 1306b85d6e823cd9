/**
 * Customer KPIs for Backstage: KPI definitions, payload schemas, the KPI engine and permissions,
 * shared by the backend and the frontend so that they never disagree on a formula or a shape.
 *
 * @packageDocumentation
 */

/** The plugin id, shared by the frontend, the backend and its modules. */
export const CUSTOMER_KPIS_PLUGIN_ID = 'customer-kpis';

export * from './permissions';

export { KPI_IDS, isKpiId } from './kpis/ids';
export type { KpiId } from './kpis/ids';
export {
  kpiDefinitions,
  kpiDefinition,
  DEFAULT_MINIMUM_SAMPLE,
} from './kpis/definitions';
export type {
  KpiDefinition,
  KpiDirection,
  KpiUnit,
  Thresholds,
} from './kpis/definitions';
export {
  durationUnitOf,
  durationDisplay,
  kpiValueDisplay,
  kpiDeltaDisplay,
  cciValueDisplay,
  cciDeltaDisplay,
  plainDisplayNumber,
} from './kpis/display';
export type {
  DurationUnit,
  KpiDisplayUnit,
  KpiDisplayNumber,
  KpiDisplayOptions,
} from './kpis/display';
export { kpiValueRange, clampToRange, kpiAxis } from './kpis/scale';
export type {
  EffortScale,
  KpiValueRange,
  KpiAxis,
  KpiAxisOptions,
} from './kpis/scale';

export * from './observations/schemas';
export {
  normaliseEntityRef,
  isCalendarDay,
  parseTimestamp,
  MAX_OBSERVATION_ID_LENGTH,
} from './observations/fields';
export {
  parseEntityRefText,
  entityRefPartProblem,
} from './observations/entityRefs';
export type {
  EntityRefPart,
  EntityRefParseResult,
} from './observations/entityRefs';
export {
  textProblem,
  boundedText,
  boundedTextProblem,
} from './observations/text';
export {
  eventTimeIssues,
  EARLIEST_EVENT_TIME,
  EARLIEST_EVENT_DAY,
  EVENT_CLOCK_SKEW_DAYS,
  PERIOD_END_AHEAD_DAYS,
} from './observations/eventTimes';
export type { EventTimeIssue } from './observations/eventTimes';
export {
  parseObservation,
  parseObservationBatch,
  safeParseObservation,
  observationDay,
  toObservationIssues,
  ObservationValidationError,
} from './observations/parse';
export {
  retractionsSchema,
  observedAndRetracted,
} from './observations/retractions';
export type { ObservedAndRetracted } from './observations/retractions';
export type {
  ObservationBatchIssue,
  ObservationIssue,
  ObservationParseResult,
  ParseObservationOptions,
} from './observations/parse';

export { Z_95, SIGNIFICANCE_LEVEL } from './stats/distributions';
export { wilsonInterval, wilsonPercentInterval } from './stats/wilson';
export type { Interval } from './stats/wilson';
export { computeNps, npsCountsFromDistribution } from './stats/nps';
export type { NpsCounts, NpsResult } from './stats/nps';
export { meanFromCounts } from './stats/mean';
export type { MeanResult } from './stats/mean';
export {
  twoProportionZTest,
  npsDifferenceTest,
  welchTTest,
} from './stats/tests';
export type { TestResult, SampleMoments } from './stats/tests';
export {
  DURATION_HISTOGRAM_RELATIVE_ERROR,
  emptyHistogram,
  histogramAdd,
  histogramRemove,
  histogramMerge,
  histogramQuantiles,
  histogramMean,
  histogramCountAtMost,
  histogramMedianInterval,
  minutesToMs,
} from './stats/histogram';
export type { DurationHistogram } from './stats/histogram';
export { exactDurationStatistics } from './stats/quantiles';
export type { ExactDurationStatistics } from './stats/quantiles';

export * from './aggregates/summary';
export { AggregateParseError } from './aggregates/types';
export type {
  AggregateParseOptions,
  KpiAggregator,
  SummariseOptions,
} from './aggregates/types';
export {
  kpiAggregators,
  aggregatorFor,
  summariseSerialised,
  mergeAll,
} from './aggregates';
export type {
  AggregateOf,
  KpiAggregates,
  UntypedKpiAggregator,
} from './aggregates';
export { normalisedEffortScore } from './aggregates/customerEffort';
export { latestAdoptionDay } from './aggregates/adoption';
export type { AdoptionAggregate, DayGauges } from './aggregates/adoption';
export type { CustomerEffortAggregate } from './aggregates/customerEffort';
export type { RecommendAggregate } from './aggregates/recommend';
export type { RetentionAggregate } from './aggregates/retention';
export type { SatisfactionAggregate } from './aggregates/satisfaction';
export type { TimeToResolveAggregate } from './aggregates/timeToResolve';
export type { TimeToValueAggregate } from './aggregates/timeToValue';

export {
  compareSummaries,
  kpiComparisonSchema,
} from './compare/compareSummaries';
export type {
  KpiComparison,
  KpiChange,
  ComparisonTest,
  CompareOptions,
} from './compare/compareSummaries';

export {
  DEMO_ANNOTATION,
  ZENDESK_GROUP_ANNOTATION,
  ZENDESK_BRAND_ANNOTATION,
  SERVICENOW_ENTITY_ID_ANNOTATION,
  SERVICENOW_BUSINESS_SERVICE_ANNOTATION,
  SERVICENOW_CMDB_CI_ANNOTATION,
  SERVICENOW_ASSIGNMENT_GROUP_ANNOTATION,
  PROMETHEUS_SELECTOR_ANNOTATION,
  AMPLITUDE_SEGMENT_ANNOTATION,
  AMPLITUDE_ELIGIBLE_USERS_ANNOTATION,
  POSTHOG_PRODUCT_ANNOTATION,
  POSTHOG_PROJECT_ANNOTATION,
  POSTHOG_ELIGIBLE_USERS_ANNOTATION,
  TYPEFORM_FORM_ANNOTATION,
  SURVEYMONKEY_SURVEY_ANNOTATION,
  QUALTRICS_SURVEY_ANNOTATION,
  SURVEY_KEY_ANNOTATION,
  JIRA_PROJECT_KEY_ANNOTATION,
  JIRA_COMPONENT_ANNOTATION,
  JIRA_LABEL_ANNOTATION,
  JIRA_REQUEST_TYPE_ANNOTATION,
  SQL_KEY_ANNOTATION,
  CUSTOMER_KPIS_BINDING_GROUPS,
  CUSTOMER_KPIS_BINDING_ANNOTATIONS,
} from './annotations';
export type {
  CustomerKpisBindingGroup,
  CustomerKpisBindingSourceType,
} from './annotations';

export {
  TARGET_ANNOTATION_PREFIX,
  targetAnnotation,
  parseThresholdValue,
  parseTargetAnnotation,
  resolveThresholds,
} from './targets/thresholds';
export {
  kpiTargetsConfigSchema,
  thresholdsConfigSchema,
} from './targets/targetsConfig';
export type {
  KpiTargetsConfig,
  ThresholdsConfig,
} from './targets/targetsConfig';
export type {
  ResolvedThresholds,
  ResolveThresholdsInput,
  ThresholdsLayer,
  ThresholdsSource,
} from './targets/thresholds';
export {
  kpiStatus,
  kpiStatusSchema,
  statusBand,
  thresholdsForSummary,
} from './targets/status';
export type { KpiStatus, StatusOptions } from './targets/status';

export { rollup, rollupOfMembers } from './rollup/rollup';
export type { KpiRollup, RollupMember } from './rollup/rollup';
export { customerCentricityIndex, kpiScore } from './rollup/cci';
export type { CciComponent, CustomerCentricityIndex } from './rollup/cci';
export {
  resolveWeights,
  equalWeights,
  kpiWeightsConfigSchema,
} from './rollup/weights';
export type {
  KpiWeights,
  KpiWeightsConfig,
  ResolveWeightsInput,
} from './rollup/weights';
export type { EntityScope } from './settings/entityScope';

export {
  addDaysToDay,
  windowEnding,
  windowLength,
  previousWindow,
  daysOf,
  isDayInWindow,
  utcDay,
} from './time/windows';
export type { DayWindow } from './time/windows';

export * from './api';
