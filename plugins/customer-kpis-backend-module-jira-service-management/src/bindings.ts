// Which catalog entities a Jira issue feeds: the project key, narrowed by components, labels and request types.
import { createHash } from 'node:crypto';
import { Entity } from '@backstage/catalog-model';
import {
  JIRA_COMPONENT_ANNOTATION,
  JIRA_LABEL_ANNOTATION,
  JIRA_PROJECT_KEY_ANNOTATION,
  JIRA_REQUEST_TYPE_ANNOTATION,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import {
  annotationValue,
  entityRefOf,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { JiraIssue } from './jiraApi';

const PROJECT_KEY = /^[A-Z][A-Z0-9_]*$/;

/** The project key an entity names in `jira/project-key`, upper-cased, or undefined when it is absent or not a key. */
export function projectKeyOf(entity: Entity): string | undefined {
  const key = annotationValue(
    entity,
    JIRA_PROJECT_KEY_ANNOTATION,
  )?.toUpperCase();
  return key && PROJECT_KEY.test(key) ? key : undefined;
}

/** The comma-separated values of an annotation, trimmed and lower-cased; undefined when the annotation is absent. */
function valuesOf(entity: Entity, annotation: string): string[] | undefined {
  const value = annotationValue(entity, annotation);
  if (value === undefined) {
    return undefined;
  }
  const values = value
    .split(',')
    .map(v => v.trim().toLocaleLowerCase('en-US'))
    .filter(Boolean);
  return values.length > 0 ? values : undefined;
}

interface Binding {
  entityRef: string;
  components?: string[];
  labels?: string[];
  requestTypes?: string[];
}

/** The request type of an issue as the Request Type field gives it: `{ requestType: { id, name } }`. */
function requestTypeOf(issue: JiraIssue, requestTypeField: string): string[] {
  const value = issue.fields[requestTypeField] as
    | { requestType?: { id?: unknown; name?: unknown } }
    | null
    | undefined;
  const type = value?.requestType;
  return [type?.id, type?.name]
    .filter(
      (v): v is string | number =>
        typeof v === 'string' || typeof v === 'number',
    )
    .map(v => String(v).toLocaleLowerCase('en-US'));
}

const overlaps = (wanted: string[] | undefined, actual: string[]) =>
  wanted === undefined || wanted.some(value => actual.includes(value));

/** The entities an issue feeds (`bound`), and those of its project that it does not feed (`unbound`). */
export interface IssueRefs {
  bound: string[];
  unbound: string[];
}

/** Entity refs by Jira project, each with the components, labels and request types that narrow it. */
export class JiraBindings {
  private readonly byProject = new Map<string, Binding[]>();

  constructor(entities: Entity[], private readonly requestTypeField: string) {
    for (const entity of entities) {
      const key = projectKeyOf(entity);
      if (!key) {
        continue;
      }
      const binding: Binding = {
        entityRef: entityRefOf(entity),
        components: valuesOf(entity, JIRA_COMPONENT_ANNOTATION),
        labels: valuesOf(entity, JIRA_LABEL_ANNOTATION),
        requestTypes: valuesOf(entity, JIRA_REQUEST_TYPE_ANNOTATION),
      };
      this.byProject.set(key, [...(this.byProject.get(key) ?? []), binding]);
    }
  }

  /** The bound project keys, sorted. */
  projectKeys(): string[] {
    return [...this.byProject.keys()].sort();
  }

  /** Whether some entity narrows by request type (then searches ask for the Request Type field). */
  get usesRequestTypes(): boolean {
    return [...this.byProject.values()].some(bindings =>
      bindings.some(b => b.requestTypes !== undefined),
    );
  }

  /**
   * A short fingerprint of a project's bindings. When it changes (an entity added, or narrowed differently), the
   * project is read again from the start, because issues read earlier may now feed other entities.
   */
  fingerprint(projectKey: string): string {
    const bindings = [...(this.byProject.get(projectKey) ?? [])]
      .map(b => [b.entityRef, b.components, b.labels, b.requestTypes])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    return createHash('sha256')
      .update(JSON.stringify(bindings))
      .digest('base64url')
      .slice(0, 16);
  }

  /** The entities of the issue's project that it feeds, and those it does not. */
  refsFor(issue: JiraIssue, projectKey: string): IssueRefs {
    const components = (issue.fields.components ?? []).map(c =>
      c.name.toLocaleLowerCase('en-US'),
    );
    const labels = (issue.fields.labels ?? []).map(l =>
      l.toLocaleLowerCase('en-US'),
    );
    const requestTypes = requestTypeOf(issue, this.requestTypeField);
    const bound = new Set<string>();
    const all = new Set<string>();
    for (const binding of this.byProject.get(projectKey) ?? []) {
      all.add(binding.entityRef);
      if (
        overlaps(binding.components, components) &&
        overlaps(binding.labels, labels) &&
        overlaps(binding.requestTypes, requestTypes)
      ) {
        bound.add(binding.entityRef);
      }
    }
    return {
      bound: [...bound],
      unbound: [...all].filter(ref => !bound.has(ref)),
    };
  }
}
