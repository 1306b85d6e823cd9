// The `servicenow` source type: time to resolve from a task table, CSAT/CES/NPS from survey answers, read
// incrementally on sys_updated_on with a (sys_updated_on, sys_id) keyset.
import { SERVICENOW_BUSINESS_SERVICE_ANNOTATION } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import {
  CustomerKpisSourceType,
  JsonValue,
  SourcePage,
  SourcePullContext,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import {
  BINDING_ANNOTATIONS,
  RecordFields,
  ServiceNowBindings,
  isBoundToServiceNow,
} from './bindings';
import {
  ServiceNowConfig,
  SYS_ID_PATTERN,
  serviceNowConfigSchema,
  serviceNowCredentialTargets,
  serviceNowTokenUrl,
  serviceNowApiBase,
} from './config';
import { isoToGlideDateTime } from './glideValues';
import { Mapped, surveyObservations, ticketObservations } from './observations';
import { ServiceNowClient } from './serviceNowApi';

/**
 * A position in a table read in (sys_updated_on, sys_id) order: after the record `sysId` updated at `updatedOn`
 * (raw UTC `yyyy-MM-dd HH:mm:ss`), or from `updatedOn` on when `sysId` is absent. `skip` counts rows after that
 * position that ServiceNow withheld (ACLs can drop every row of a page while `Link` still says `next`).
 */
type Position = { updatedOn: string; sysId?: string; skip?: number };

type ServiceNowCursor = { version: 1; tickets: Position; surveys: Position };

const GLIDE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

function readPosition(value: JsonValue | undefined, fresh: Position): Position {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fresh;
  }
  const { updatedOn, sysId, skip } = value;
  if (typeof updatedOn !== 'string' || !GLIDE_TIME.test(updatedOn)) {
    return fresh;
  }
  return {
    updatedOn,
    ...(typeof sysId === 'string' && SYS_ID_PATTERN.test(sysId)
      ? { sysId }
      : {}),
    ...(typeof skip === 'number' && Number.isInteger(skip) && skip > 0
      ? { skip }
      : {}),
  };
}

function readCursor(
  cursor: JsonValue | undefined,
  initialUpdatedOn: string,
): ServiceNowCursor {
  const fresh = { updatedOn: initialUpdatedOn };
  const object =
    typeof cursor === 'object' && cursor !== null && !Array.isArray(cursor)
      ? cursor
      : {};
  return {
    version: 1,
    tickets: readPosition(object.tickets, fresh),
    surveys: readPosition(object.surveys, fresh),
  };
}

/**
 * The encoded query of the records after `position` and updated before `before`, in (sys_updated_on, sys_id) order.
 * `conditions` (which may end in an ^OR chain) are repeated in each ^NQ group, because ^NQ ORs whole queries.
 */
export function keysetQuery(
  position: Position,
  before: string,
  conditions: string[],
): string {
  const common = [...conditions, `sys_updated_on<${before}`];
  const order = 'ORDERBYsys_updated_on^ORDERBYsys_id';
  if (!position.sysId) {
    return [...common, `sys_updated_on>=${position.updatedOn}`, order].join(
      '^',
    );
  }
  return [
    [...common, `sys_updated_on>${position.updatedOn}`].join('^'),
    [
      ...common,
      `sys_updated_on=${position.updatedOn}`,
      `sys_id>${position.sysId}`,
      order,
    ].join('^'),
  ].join('^NQ');
}

/** The position after a page: its last record, or further by `limit` withheld rows when it had none. */
function nextPosition(
  position: Position,
  records: RecordFields[],
  limit: number,
  table: string,
): Position {
  if (records.length === 0) {
    return { ...position, skip: (position.skip ?? 0) + limit };
  }
  const last = records[records.length - 1];
  if (
    !last.sys_updated_on ||
    !GLIDE_TIME.test(last.sys_updated_on) ||
    !last.sys_id
  ) {
    throw new Error(
      `ServiceNow returned a ${table} record without sys_updated_on or sys_id; the source cannot page past it`,
    );
  }
  return { updatedOn: last.sys_updated_on, sysId: last.sys_id };
}

/** `a^ORb^ORc`: any of the conditions. */
const anyOf = (conditions: string[]) => conditions.join('^OR');

function logSkipped(
  context: SourcePullContext<ServiceNowConfig>,
  mapped: Mapped,
  what: string,
) {
  if (mapped.skipped > 0) {
    context.logger.warn(
      `ServiceNow source: ${mapped.skipped} ${what} could not be mapped and were left out (or retracted)`,
    );
  }
}

async function* pullServiceNow(
  context: SourcePullContext<ServiceNowConfig>,
): AsyncIterable<SourcePage> {
  const { config, credentials } = context;
  // Fails before any request when the credential is missing or not allowed for this instance; each request asks
  // again with its own URL.
  try {
    credentials.get(
      config.auth.credential,
      config.auth.type === 'basic'
        ? serviceNowApiBase(config)
        : serviceNowTokenUrl(config),
    );
  } catch (error) {
    throw new Error(`ServiceNow source: ${(error as Error).message}`);
  }
  const client = new ServiceNowClient(
    config,
    credentials,
    context.logger,
    context.redactor,
    context.signal,
  );
  const bindings = new ServiceNowBindings(
    context.entities.filter(isBoundToServiceNow),
  );
  const nowMs = context.now().getTime();
  const before = isoToGlideDateTime(nowMs - config.settleSeconds * 1000);
  const cursor = readCursor(
    context.cursor,
    isoToGlideDateTime(nowMs - config.initialLookbackDays * 86_400_000),
  );
  const page = (mapped: Mapped): SourcePage => ({
    observations: mapped.observations,
    cursor: structuredClone(cursor),
    ...(mapped.retractions.length > 0
      ? { retractions: mapped.retractions }
      : {}),
  });
  const filter = config.filter ? [config.filter] : [];

  // 1. Records of the table updated since the cursor: resolved ones observed, others retracted.
  const ticketFields = [
    'sys_id',
    'sys_updated_on',
    'state',
    config.openedAtField,
    config.resolvedAtField,
    ...(config.businessDuration ? ['business_duration'] : []),
    ...bindings.fieldsInUse,
  ];
  for (;;) {
    const listed = await client.listRecords({
      table: config.table,
      query: keysetQuery(cursor.tickets, before, filter),
      fields: ticketFields,
      limit: config.pageSize,
      offset: cursor.tickets.skip,
    });
    const mapped = ticketObservations(listed.records, config, record =>
      bindings.entityRefsFor(record),
    );
    logSkipped(context, mapped, `resolved ${config.table} record(s)`);
    cursor.tickets = nextPosition(
      cursor.tickets,
      listed.records,
      config.pageSize,
      config.table,
    );
    yield page(mapped);
    if (!listed.more) {
      break;
    }
  }

  if (config.surveyMetrics.length === 0) {
    return;
  }

  // 2. Answers to the configured survey metrics, bound through the task that triggered their assessment.
  const metricConditions = anyOf(
    config.surveyMetrics.map(m =>
      SYS_ID_PATTERN.test(m.metric)
        ? `metric=${m.metric}`
        : `metric.name=${m.metric}`,
    ),
  );
  const surveyConditions = [
    metricConditions,
    `instance.trigger_table=${config.table}`,
    'instance.state=complete',
  ];
  for (;;) {
    const listed = await client.listRecords({
      table: 'asmt_metric_result',
      query: keysetQuery(cursor.surveys, before, surveyConditions),
      fields: [
        'sys_id',
        'sys_updated_on',
        'sys_created_on',
        'metric',
        'metric.name',
        'actual_value',
        'string_value',
        'instance',
        'instance.trigger_id',
        'instance.taken_on',
      ],
      limit: config.pageSize,
      offset: cursor.surveys.skip,
    });
    const tasks = await taskBindings(
      client,
      config,
      filter,
      bindings,
      listed.records,
    );
    const mapped = surveyObservations(
      listed.records,
      config.surveyMetrics,
      result => tasks.get(result['instance.trigger_id'] ?? '') ?? [],
    );
    logSkipped(context, mapped, 'survey answer(s)');
    cursor.surveys = nextPosition(
      cursor.surveys,
      listed.records,
      config.pageSize,
      'asmt_metric_result',
    );
    yield page(mapped);
    if (!listed.more) {
      break;
    }
  }
}

/** Task sys_ids per lookup request (sys_idIN…), so that the URL stays short. */
const TASK_LOOKUP_CHUNK = 100;

/** The entity refs of the tasks that triggered the answers of a page, by task sys_id (the config's filter applies). */
async function taskBindings(
  client: ServiceNowClient,
  config: ServiceNowConfig,
  filter: string[],
  bindings: ServiceNowBindings,
  results: RecordFields[],
): Promise<Map<string, string[]>> {
  const taskIds = [
    ...new Set(
      results.flatMap(r => {
        const id = r['instance.trigger_id'];
        return id && SYS_ID_PATTERN.test(id) ? [id] : [];
      }),
    ),
  ];
  const refs = new Map<string, string[]>();
  for (let i = 0; i < taskIds.length; i += TASK_LOOKUP_CHUNK) {
    const chunk = taskIds.slice(i, i + TASK_LOOKUP_CHUNK);
    const listed = await client.listRecords({
      table: config.table,
      query: [...filter, `sys_idIN${chunk.join(',')}`].join('^'),
      fields: ['sys_id', ...bindings.fieldsInUse],
      limit: chunk.length,
    });
    for (const task of listed.records) {
      if (task.sys_id) {
        refs.set(task.sys_id, bindings.entityRefsFor(task));
      }
    }
  }
  return refs;
}

/**
 * The `servicenow` source type. Entities are bound by `servicenow.com/business_service`, `servicenow.com/cmdb_ci`,
 * `servicenow.com/assignment_group` (sys_ids, several separated by commas) and/or `servicenow.com/entity-id` (the
 * community plugin's `u_backstage_entity_id` field); a record feeds an entity when it matches all of the entity's.
 *
 * - time to resolve: the records of `table` (incident by default) in a resolved state, opened at `opened_at`,
 *   resolved at `resolved_at`, with `business_duration` as the business time (id `task/<sys_id>/<entity ref>`); a
 *   record that is no longer resolved (reopened) is retracted until it is resolved again;
 * - CSAT, CES, NPS: answers (asmt_metric_result) to the configured survey metrics, bound through the task that
 *   triggered the assessment (id `survey-result/<sys_id>/<entity ref>`).
 */
export const serviceNowSourceType: CustomerKpisSourceType<ServiceNowConfig> = {
  id: 'servicenow',
  title: 'ServiceNow',
  description:
    'Resolution times of incidents or other task records (time to resolve, with ServiceNow business duration) and survey answers (CSAT, CES, NPS) of the business services, CIs or assignment groups named in servicenow.com/* annotations.',
  configSchema: serviceNowConfigSchema,
  kpis: ['time-to-resolve', 'satisfaction', 'customer-effort', 'recommend'],
  annotation: SERVICENOW_BUSINESS_SERVICE_ANNOTATION,
  bindingAnnotations: BINDING_ANNOTATIONS,
  credentialTargets: serviceNowCredentialTargets,
  isAvailable: isBoundToServiceNow,
  pull: pullServiceNow,
};
