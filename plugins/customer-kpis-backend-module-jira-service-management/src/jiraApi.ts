// A thin client of the Jira and Jira Service Management REST endpoints this source reads, with the shapes it relies on.
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  HttpResponseError,
  SourceRedactor,
  fetchJsonWithRetry,
  parseJsonAnswer,
  retryOptionsOf,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { z } from 'zod';
import { JiraConfig, jiraOrigin } from './config';

/** How often a Data Center search starts over when its results move while paging, before it pages on regardless. */
const MAX_SEARCH_RESTARTS = 3;

const nameSchema = z.object({ name: z.string() });

/** An issue of a search answer: only the fields used here, each of which may be missing on some issues. */
const issueSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  key: z.string(),
  fields: z
    .object({
      created: z.string().nullish(),
      updated: z.string().nullish(),
      resolutiondate: z.string().nullish(),
      project: z.object({ key: z.string() }).nullish(),
      components: z.array(nameSchema).nullish(),
      labels: z.array(z.string()).nullish(),
    })
    .catchall(z.unknown()),
});
/** An issue of a search answer. */
export type JiraIssue = z.output<typeof issueSchema>;

/** A Cloud search page (`/rest/api/3/search/jql`); the last page may omit `nextPageToken` altogether. */
const cloudPageSchema = z.object({
  issues: z.array(z.unknown()),
  nextPageToken: z.string().nullish(),
  isLast: z.boolean().optional(),
});

/** A Data Center search page (`/rest/api/2/search`). */
const dataCenterPageSchema = z.object({
  startAt: z.number(),
  total: z.number(),
  issues: z.array(z.unknown()),
});

const myselfSchema = z.object({ timeZone: z.string().nullish() });

/** A request's CSAT feedback: `rating` is 1–5. */
const feedbackSchema = z.object({
  type: z.string().optional(),
  rating: z.number().nullish(),
});

/** The issues of one search page: those in the expected shape, and how many were not. */
export interface SearchPage {
  issues: JiraIssue[];
  malformed: number;
}

function parseIssues(raw: unknown[]): SearchPage {
  const issues: JiraIssue[] = [];
  let malformed = 0;
  for (const item of raw) {
    const parsed = issueSchema.safeParse(item);
    if (parsed.success) {
      issues.push(parsed.data);
    } else {
      malformed++;
    }
  }
  return { issues, malformed };
}

/** The calls of the Jira Service Management source, authenticated with the named credential. */
export class JiraClient {
  private readonly origin: string;

  /**
   * @param secretFor - the secret for a request URL; it throws when the credential is not allowed for the URL, so
   *   that the secret is checked against the very URL that carries it (`context.credentials.get`).
   */
  constructor(
    private readonly config: JiraConfig,
    private readonly secretFor: (url: string) => string,
    private readonly logger: LoggerService,
    private readonly redactor: SourceRedactor,
    private readonly signal?: AbortSignal,
  ) {
    this.origin = jiraOrigin(config);
  }

  private get apiVersion(): '2' | '3' {
    return this.config.deployment === 'cloud' ? '3' : '2';
  }

  private async get<T>(
    path: string,
    params: Record<string, string>,
    schema: z.ZodType<T>,
  ): Promise<T> {
    const query = new URLSearchParams(params).toString();
    const url = `${this.origin}${path}${query ? `?${query}` : ''}`;
    const secret = this.secretFor(url);
    const authorization =
      this.config.email === undefined
        ? `Bearer ${secret}`
        : `Basic ${Buffer.from(`${this.config.email}:${secret}`).toString(
            'base64',
          )}`;
    const body = await fetchJsonWithRetry(
      url,
      { headers: { accept: 'application/json', authorization } },
      {
        ...retryOptionsOf(this.config),
        signal: this.signal,
        logger: this.logger,
        redactor: this.redactor,
      },
    );
    return parseJsonAnswer(schema, body, `Jira answered ${path}`);
  }

  /** The time zone of the API user, in which Jira reads the dates of a JQL query; undefined when Jira hides it. */
  async userTimeZone(): Promise<string | undefined> {
    const myself = await this.get(
      `/rest/api/${this.apiVersion}/myself`,
      {},
      myselfSchema,
    );
    return myself.timeZone ?? undefined;
  }

  /**
   * The issues matching `jql`, page by page, with `fields`. Cloud: `/rest/api/3/search/jql`, following
   * `nextPageToken` until `isLast`. Data Center: `/rest/api/2/search` with `startAt`; each further page starts one
   * issue early and must begin with the last issue of the page before. If it does not, issues moved in the ordering
   * while paging (an issue updated meanwhile goes to the end) and a plain `startAt` would skip one, so the search
   * starts over from the first page; the caller skips the issues it has seen.
   */
  async *search(jql: string, fields: string[]): AsyncIterable<SearchPage> {
    const common = {
      jql,
      fields: fields.join(','),
      maxResults: String(this.config.pageSize),
    };
    if (this.config.deployment === 'cloud') {
      let nextPageToken: string | undefined;
      for (;;) {
        const page = await this.get(
          '/rest/api/3/search/jql',
          { ...common, ...(nextPageToken ? { nextPageToken } : {}) },
          cloudPageSchema,
        );
        yield parseIssues(page.issues);
        if (page.isLast === true || !page.nextPageToken) {
          return;
        }
        nextPageToken = page.nextPageToken;
      }
    }

    let consumed = 0;
    let restarts = 0;
    let lastId: string | undefined;
    for (;;) {
      const startAt = lastId === undefined ? consumed : consumed - 1;
      const page = await this.get(
        '/rest/api/2/search',
        {
          ...common,
          startAt: String(startAt),
          // one more when starting one early, so that a page still brings pageSize new issues
          maxResults: String(
            this.config.pageSize + (lastId === undefined ? 0 : 1),
          ),
        },
        dataCenterPageSchema,
      );
      let raw = page.issues;
      if (lastId !== undefined) {
        const first = issueSchema.safeParse(raw[0]);
        if (first.success && first.data.id === lastId) {
          raw = raw.slice(1);
        } else if (restarts < MAX_SEARCH_RESTARTS) {
          restarts++;
          this.logger.info(
            'Jira search results moved while paging (an issue was updated); reading the search again from the start',
          );
          consumed = 0;
          lastId = undefined;
          continue;
        } else {
          this.logger.warn(
            `Jira search results kept moving while paging; after ${MAX_SEARCH_RESTARTS} fresh starts, paging on (an issue may be left for the next run's overlap)`,
          );
        }
      }
      if (raw.length === 0) {
        return;
      }
      consumed += raw.length;
      const parsedLast = issueSchema.safeParse(raw[raw.length - 1]);
      lastId = parsedLast.success ? parsedLast.data.id : undefined;
      yield parseIssues(raw);
      if (consumed >= page.total) {
        return;
      }
    }
  }

  /**
   * The CSAT rating (1–5) a customer gave the request `issueKey`, or `undefined` when there is none: Jira answers
   * 404 when a request has no feedback (or is not a service request).
   */
  async feedbackRating(issueKey: string): Promise<number | undefined> {
    try {
      const feedback = await this.get(
        `/rest/servicedeskapi/request/${encodeURIComponent(issueKey)}/feedback`,
        {},
        feedbackSchema,
      );
      return feedback.rating ?? undefined;
    } catch (error) {
      if (error instanceof HttpResponseError && error.status === 404) {
        return undefined;
      }
      throw error;
    }
  }
}
