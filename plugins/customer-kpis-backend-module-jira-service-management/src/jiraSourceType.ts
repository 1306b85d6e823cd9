// The `jira-service-management` source type: time to resolve from issue search, CSAT from request feedback.
import { Entity } from '@backstage/catalog-model';
import {
  JIRA_PROJECT_KEY_ANNOTATION,
  Observation,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import {
  CustomerKpisSourceType,
  SourcePage,
  SourcePullContext,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { JiraBindings, projectKeyOf } from './bindings';
import {
  JiraConfig,
  isKnownTimeZone,
  jiraApiBase,
  jiraConfigSchema,
  jiraCredentialTargets,
} from './config';
import { JiraCursor, progressToStore, readCursor } from './cursor';
import { JiraClient, JiraIssue } from './jiraApi';
import { jqlLowerBound } from './jqlTime';
import {
  feedbackId,
  feedbackObservation,
  parseJiraTime,
  resolvedId,
  resolvedObservation,
} from './observations';

const MINUTE_MS = 60_000;

/** What one issue contributes to a page. */
interface IssueResult {
  observations: Observation[];
  retractions: string[];
  skipped: number;
}

const isBoundToJira = (entity: Entity) => projectKeyOf(entity) !== undefined;

async function* pullJira(
  context: SourcePullContext<JiraConfig>,
): AsyncIterable<SourcePage> {
  const { config, logger, credentials } = context;
  // Fails before any request when the credential is missing or not allowed for this Jira; each request asks again
  // with its own URL.
  try {
    credentials.get(config.credential, jiraApiBase(config));
  } catch (error) {
    throw new Error(
      `Jira Service Management source: ${(error as Error).message}`,
    );
  }
  const client = new JiraClient(
    config,
    url => credentials.get(config.credential, url),
    logger,
    context.redactor,
    context.signal,
  );
  const bindings = new JiraBindings(
    context.entities.filter(isBoundToJira),
    config.requestTypeField,
  );
  const projectKeys = bindings.projectKeys();
  if (projectKeys.length === 0) {
    return;
  }

  let timeZone = config.timeZone ?? (await client.userTimeZone());
  if (timeZone !== undefined && !isKnownTimeZone(timeZone)) {
    logger.warn(
      `Jira gave the API user the time zone "${timeZone}", which this Node.js does not know`,
    );
    timeZone = undefined;
  }
  if (timeZone === undefined) {
    logger.warn(
      'Jira Service Management source: the time zone of JQL dates is unknown (set timeZone in the config); each search starts 14 hours early to be safe',
    );
  }

  // Progress of projects that are still bound, the same way; a project bound anew or differently starts over.
  const stored = readCursor(context.cursor);
  const cursor: JiraCursor = { version: 1, projects: {} };
  for (const key of projectKeys) {
    const progress = stored.projects[key];
    if (progress?.bindings === bindings.fingerprint(key)) {
      cursor.projects[key] = progress;
    }
  }

  const fields = [
    'created',
    'updated',
    'resolutiondate',
    'project',
    'components',
    'labels',
    ...(config.slaField ? [config.slaField] : []),
    ...(bindings.usesRequestTypes ? [config.requestTypeField] : []),
  ];
  const overlapMs = config.overlapMinutes * MINUTE_MS;

  /** Observations and retractions of one issue: see the doc comment of {@link jiraServiceManagementSourceType}. */
  async function mapIssue(
    issue: JiraIssue,
    projectKey: string,
  ): Promise<IssueResult> {
    const { bound, unbound } = bindings.refsFor(issue, projectKey);
    const result: IssueResult = {
      observations: [],
      retractions: unbound.flatMap(ref => [
        resolvedId(issue.id, ref),
        feedbackId(issue.id, ref),
      ]),
      skipped: 0,
    };
    if (parseJiraTime(issue.fields.resolutiondate) === undefined) {
      // Not resolved, or reopened: it leaves time to resolve until it is resolved again.
      result.retractions.push(...bound.map(ref => resolvedId(issue.id, ref)));
      return result;
    }
    for (const ref of bound) {
      const observation = resolvedObservation(issue, ref, config.slaField);
      if (observation) {
        result.observations.push(observation);
      } else {
        result.skipped++;
      }
    }
    if (config.feedback && bound.length > 0) {
      const rating = await client.feedbackRating(issue.key);
      for (const ref of bound) {
        const observation =
          rating === undefined
            ? undefined
            : feedbackObservation(issue, ref, rating);
        if (observation) {
          result.observations.push(observation);
        } else {
          // No feedback (any more): an answer withdrawn or erased leaves CSAT.
          result.retractions.push(feedbackId(issue.id, ref));
          if (rating !== undefined) {
            result.skipped++;
          }
        }
      }
    }
    return result;
  }

  for (const projectKey of projectKeys) {
    const fingerprint = bindings.fingerprint(projectKey);
    const progress = cursor.projects[projectKey];
    let sinceMs = progress
      ? Date.parse(progress.since)
      : context.now().getTime() - config.initialLookbackDays * 86_400_000;
    const seen = new Map(Object.entries(progress?.seen ?? {}));
    const jql = `project = "${projectKey}" AND updated >= "${jqlLowerBound(
      sinceMs - overlapMs,
      timeZone,
    )}"${
      config.jql ? ` AND (${config.jql})` : ''
    } ORDER BY updated ASC, key ASC`;

    for await (const page of client.search(jql, fields)) {
      const byIssue = new Map<string, IssueResult>();
      let skipped = page.malformed;
      for (const issue of page.issues) {
        const updated = parseJiraTime(issue.fields.updated);
        if (updated === undefined) {
          skipped++;
          continue;
        }
        if (seen.get(issue.id) === updated) {
          continue; // read before, unchanged: the overlap, or a search read again
        }
        const result = await mapIssue(issue, projectKey);
        skipped += result.skipped;
        byIssue.set(issue.id, result);
        seen.set(issue.id, updated);
        sinceMs = Math.max(sinceMs, updated);
      }
      if (skipped > 0) {
        logger.warn(
          `Jira Service Management source: ${skipped} issue(s) of ${projectKey} without usable dates or rating were left out`,
        );
      }
      cursor.projects[projectKey] = progressToStore(
        sinceMs,
        seen,
        overlapMs + MINUTE_MS,
        fingerprint,
      );
      const results = [...byIssue.values()];
      yield {
        observations: results.flatMap(r => r.observations),
        retractions: results.flatMap(r => r.retractions),
        cursor: structuredClone(cursor) as unknown as SourcePage['cursor'],
      };
    }
  }
}

/**
 * The `jira-service-management` source type. Entities are bound by the community Jira plugins' `jira/project-key`,
 * optionally narrowed by `jira/component`, `jira/label` and `jira/request-type` (any of several comma-separated
 * values; all given annotations must match).
 *
 * - time to resolve: issues of the bound projects updated since the last run (JQL on `updated`, Cloud's
 *   `/rest/api/3/search/jql` or Data Center's `/rest/api/2/search`); each resolved issue gives one observation per
 *   bound entity (id `issue/<issue id>/<entity ref>`), opened at `created`, resolved at `resolutiondate`, with the
 *   business minutes of the "Time to resolution" SLA (`slaField`) where it has completed. An issue without a
 *   resolution date (reopened) is retracted until it is resolved again.
 * - satisfaction: the request's CSAT feedback (`/rest/servicedeskapi/request/{key}/feedback`, rating 1–5) when a
 *   resolved issue is read, id `feedback/<issue id>/<entity ref>`; no feedback (404) retracts it.
 *
 * An issue that no longer matches an entity of its project (another component, label or request type) is retracted
 * from that entity.
 */
export const jiraServiceManagementSourceType: CustomerKpisSourceType<JiraConfig> =
  {
    id: 'jira-service-management',
    title: 'Jira Service Management',
    description:
      'Request resolution times (time to resolve, with the business time of the "Time to resolution" SLA) and request feedback (CSAT, 1–5) of the Jira projects named in jira/project-key, narrowed by jira/component, jira/label or jira/request-type.',
    configSchema: jiraConfigSchema,
    kpis: ['time-to-resolve', 'satisfaction'],
    annotation: JIRA_PROJECT_KEY_ANNOTATION,
    credentialTargets: jiraCredentialTargets,
    isAvailable: isBoundToJira,
    pull: pullJira,
  };
