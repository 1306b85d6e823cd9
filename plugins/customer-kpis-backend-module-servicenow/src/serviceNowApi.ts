// A thin client of the ServiceNow Table API and OAuth token endpoint, with basic or OAuth client-credentials sign-in.
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  HttpResponseError,
  SourceCredentials,
  SourceRedactor,
  fetchJsonWithRetry,
  parseJsonAnswer,
  retryOptionsOf,
} from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { z } from 'zod';
import {
  ServiceNowConfig,
  serviceNowApiBase,
  serviceNowOrigin,
  serviceNowTokenUrl,
} from './config';
import { RecordFields } from './bindings';

/** `{ result: [...] }`: a page of records of the Table API. */
const tablePageSchema = z.object({
  result: z.array(z.record(z.string(), z.unknown())),
});

/** The answer of `POST /oauth_token.do`. */
const tokenSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive().optional(),
  token_type: z.string().optional(),
});

/** Tokens are renewed this long before ServiceNow says they expire, so that none expires in flight. */
const TOKEN_EXPIRY_MARGIN_MS = 60_000;
/** ServiceNow's default access-token lifespan, used when the answer has no expires_in. */
const DEFAULT_TOKEN_LIFESPAN_S = 1800;

/**
 * A raw field value as a string: reference fields come as a sys_id, or as `{ link, value }` when reference links are
 * not excluded; null and absent fields are `undefined`.
 */
function rawValue(value: unknown): string | undefined {
  if (value === null || value === undefined) {
    return undefined;
  }
  if (typeof value === 'object' && 'value' in value) {
    return rawValue((value as { value: unknown }).value);
  }
  return typeof value === 'string' ? value : String(value);
}

/** A page of records and whether the query has more after it (the `Link` header's `rel="next"`). */
export interface TablePage {
  records: RecordFields[];
  more: boolean;
}

/** Whether a `Link` header has a `rel="next"` link: `<https://…&sysparm_offset=500>;rel="next"`. */
export function hasNextLink(link: string | null): boolean | undefined {
  if (link === null) {
    return undefined;
  }
  return /;\s*rel="?next"?/i.test(link);
}

/** The calls of the ServiceNow source. */
export class ServiceNowClient {
  private readonly origin: string;
  private token?: { value: string; expiresAt: number };

  constructor(
    private readonly config: ServiceNowConfig,
    private readonly credentials: SourceCredentials,
    private readonly logger: LoggerService,
    private readonly redactor: SourceRedactor,
    private readonly signal?: AbortSignal,
    private readonly clock: () => number = Date.now,
  ) {
    this.origin = serviceNowOrigin(config);
  }

  private retryOptions() {
    return {
      ...retryOptionsOf(this.config),
      signal: this.signal,
      logger: this.logger,
      redactor: this.redactor,
    };
  }

  /** The secret of the configured credential for `url`; it throws when the credential does not allow `url`. */
  private secretFor(url: string): string {
    return this.credentials.get(this.config.auth.credential, url);
  }

  /** A bearer token of the OAuth client, from the cache while it lasts. */
  private async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > this.clock()) {
      return this.token.value;
    }
    const auth = this.config.auth;
    if (auth.type !== 'oauth') {
      throw new Error('accessToken is for OAuth only');
    }
    const url = serviceNowTokenUrl(this.config);
    let body: unknown;
    try {
      body = await fetchJsonWithRetry(
        url,
        {
          method: 'POST',
          headers: {
            accept: 'application/json',
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: new URLSearchParams({
            grant_type: 'client_credentials',
            client_id: auth.clientId,
            client_secret: this.secretFor(url),
          }).toString(),
        },
        this.retryOptions(),
      );
    } catch (error) {
      if (
        error instanceof HttpResponseError &&
        (error.status === 400 || error.status === 401)
      ) {
        throw new Error(
          `ServiceNow refused the OAuth client credentials of client "${auth.clientId}" (credential "${auth.credential}"): ${error.message}. Check the client id and secret, and that the client_credentials grant is enabled on the instance.`,
        );
      }
      throw error;
    }
    const token = parseJsonAnswer(
      tokenSchema,
      body,
      `ServiceNow answered ${url}`,
    );
    const lifespanMs = (token.expires_in ?? DEFAULT_TOKEN_LIFESPAN_S) * 1000;
    this.token = {
      value: token.access_token,
      expiresAt:
        this.clock() + Math.max(lifespanMs - TOKEN_EXPIRY_MARGIN_MS, 0),
    };
    return this.token.value;
  }

  private async authorization(url: string): Promise<string> {
    const auth = this.config.auth;
    if (auth.type === 'basic') {
      return `Basic ${Buffer.from(
        `${auth.username}:${this.secretFor(url)}`,
      ).toString('base64')}`;
    }
    // The token stands for the client secret: it goes only where the credential may go.
    this.secretFor(url);
    return `Bearer ${await this.accessToken()}`;
  }

  private async getJson(
    url: string,
  ): Promise<{ body: unknown; link: string | null }> {
    let link: string | null = null;
    const fetchKeepingLink: typeof fetch = async (input, init) => {
      const response = await globalThis.fetch(input, init);
      link = response.headers.get('link');
      return response;
    };
    const request = async () =>
      fetchJsonWithRetry(
        url,
        {
          headers: {
            accept: 'application/json',
            authorization: await this.authorization(url),
          },
        },
        { ...this.retryOptions(), fetch: fetchKeepingLink },
      );
    try {
      return { body: await request(), link };
    } catch (error) {
      if (!(error instanceof HttpResponseError) || error.status !== 401) {
        throw error;
      }
      const auth = this.config.auth;
      if (auth.type === 'oauth') {
        // The token may have been revoked or may have expired early: one new token, one more try.
        this.logger.info(
          'ServiceNow source: the access token was refused (HTTP 401); requesting a new one',
        );
        this.token = undefined;
        try {
          return { body: await request(), link };
        } catch (retryError) {
          if (
            retryError instanceof HttpResponseError &&
            retryError.status === 401
          ) {
            throw new Error(
              `ServiceNow refused a new access token of OAuth client "${auth.clientId}" (credential "${auth.credential}"): ${retryError.message}. Check the roles of the client's user.`,
            );
          }
          throw retryError;
        }
      }
      throw new Error(
        `ServiceNow refused the credentials of user "${auth.username}" (credential "${auth.credential}"): ${error.message}. Check the user name and password, and that the user is active and not locked out.`,
      );
    }
  }

  /**
   * One page of a table: the records matching the encoded `query`, with `fields` only, raw values
   * (sysparm_display_value=false) and reference fields as plain sys_ids.
   */
  async listRecords(options: {
    table: string;
    query: string;
    fields: readonly string[];
    limit: number;
    offset?: number;
  }): Promise<TablePage> {
    const params = new URLSearchParams({
      sysparm_query: options.query,
      sysparm_fields: [...new Set(options.fields)].join(','),
      sysparm_limit: String(options.limit),
      ...(options.offset ? { sysparm_offset: String(options.offset) } : {}),
      sysparm_display_value: 'false',
      sysparm_exclude_reference_link: 'true',
    });
    const url = `${serviceNowApiBase(this.config)}table/${
      options.table
    }?${params}`;
    const { body, link } = await this.getJson(url);
    const page = parseJsonAnswer(
      tablePageSchema,
      body,
      `ServiceNow answered the ${options.table} table of ${this.origin}`,
    );
    const records = page.result.map(row =>
      Object.fromEntries(
        Object.entries(row).map(([key, value]) => [key, rawValue(value)]),
      ),
    );
    // Without a Link header (a proxy may drop it), a full page is taken to mean that more may follow.
    const more = hasNextLink(link) ?? records.length >= options.limit;
    return { records, more };
  }
}
