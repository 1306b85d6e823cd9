// GET-style JSON requests for source types, retried on network errors, 5xx and 429, honouring Retry-After.
import { LoggerService } from '@backstage/backend-plugin-api';
import pRetry, { AbortError } from 'p-retry';
import { setTimeout as sleep } from 'node:timers/promises';
import { SecretRedactor } from '../redaction/SecretRedactor';
import { secretsOfHeaders } from '../redaction/headerSecrets';
import { SourceRedactor } from '../sourceType';
import { parseRetryAfter } from './retryAfter';
import { redactUrl } from './redactUrl';

/** Options of {@link fetchJsonWithRetry}. */
export interface FetchJsonRetryOptions {
  /** Retries after the first attempt; default 4 (so at most 5 requests). */
  retries?: number;
  /** Backoff before the first retry, doubled for each further one; default 1000 ms. */
  minTimeoutMs?: number;
  /** Upper bound of the backoff; default 30 000 ms. */
  maxTimeoutMs?: number;
  /**
   * The longest `Retry-After` that is waited for; a server asking for more fails the request at once instead of
   * holding the run. Default 120 000 ms.
   */
  maxRetryAfterMs?: number;
  /** Time limit of one attempt; an attempt that takes longer is aborted and retried. Default 60 000 ms. */
  attemptTimeoutMs?: number;
  /** Cancels the request and every retry; the promise then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** The fetch implementation; default the global `fetch` of Node. */
  fetch?: typeof fetch;
  /** Where to say that a request is retried, and why. */
  logger?: LoggerService;
  /**
   * The portal's redactor (`context.redactor` of a pull): every text of an error (the URL, the response body, a
   * network error) passes through it, and through the secrets of this request's own headers, BEFORE it is cut short.
   */
  redactor?: SourceRedactor;
}

/**
 * An HTTP response with an error status. The message names the method, the status and the URL (without user info or
 * secret-looking query values) and an excerpt of at most 300 characters of the response body. The body is redacted
 * before it is cut (see {@link fetchJsonWithRetry}), so an upstream that echoes the request's headers or URL shows
 * `***` in their place, and a secret cannot be cut in half and leak its first part.
 */
export class HttpResponseError extends Error {
  readonly status: number;
  readonly url: string;
  /** The start of the response body, for messages such as Prometheus' `{ errorType, error }`. */
  readonly bodyText: string;
  /** What `Retry-After` asked for, in ms, when the response had one. */
  readonly retryAfterMs?: number;

  constructor(options: {
    method: string;
    status: number;
    statusText: string;
    url: string;
    bodyText: string;
    retryAfterMs?: number;
  }) {
    const body = options.bodyText.trim();
    super(
      `${options.method} ${options.url} failed with HTTP ${options.status}${
        options.statusText ? ` ${options.statusText}` : ''
      }${body ? `: ${body}` : ''}`,
    );
    this.name = 'HttpResponseError';
    this.status = options.status;
    this.url = options.url;
    this.bodyText = body;
    this.retryAfterMs = options.retryAfterMs;
  }
}

const BODY_EXCERPT_LENGTH = 300;

/** A redirect's Location, resolved against the request URL (it may be relative). */
function resolveLocation(location: string | null, base: string | URL): string {
  try {
    return new URL(location ?? '', base).toString();
  } catch {
    return String(location);
  }
}

function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** The backoff p-retry waits after failed attempt `attemptNumber` (1-based), as `retry` computes it without jitter. */
function backoffAfterAttempt(
  attemptNumber: number,
  minTimeoutMs: number,
  maxTimeoutMs: number,
): number {
  return Math.min(
    Math.round(Math.max(minTimeoutMs, 1) * 2 ** (attemptNumber - 1)),
    maxTimeoutMs,
  );
}

/** The start of a text, redacted first: cutting first could split a secret and let its first half through. */
function excerpt(
  text: string,
  redact: (text: string) => string,
  length: number,
): string {
  const safe = redact(text);
  return safe.length > length ? `${safe.slice(0, length)}…` : safe;
}

async function readExcerpt(
  response: Response,
  redact: (text: string) => string,
): Promise<string> {
  try {
    return excerpt(await response.text(), redact, BODY_EXCERPT_LENGTH);
  } catch {
    return '';
  }
}

/**
 * Requests `url` and parses the response as JSON, retrying what may succeed later:
 *
 * - network errors and attempts that exceed `attemptTimeoutMs`;
 * - HTTP 5xx and 429. When a 429 or 503 (or any retried status) carries `Retry-After` (seconds or an HTTP date), the
 *   next attempt starts no earlier than that; a `Retry-After` longer than `maxRetryAfterMs` fails at once.
 *
 * Any other 4xx fails at once with an {@link HttpResponseError}; a body that is not JSON fails at once too. When the
 * retries are used up, the last error is thrown. Every text of an error is redacted with `options.redactor` and the
 * secrets of the request's own headers (`Authorization`, API keys, cookies, the password of Basic authentication),
 * and `Authorization`-like fields are blanked, before a body is cut to its excerpt.
 */
export async function fetchJsonWithRetry<T = unknown>(
  url: string | URL,
  init: RequestInit | undefined,
  options: FetchJsonRetryOptions = {},
): Promise<T> {
  const {
    retries = 4,
    minTimeoutMs = 1000,
    maxTimeoutMs = 30_000,
    maxRetryAfterMs = 120_000,
    attemptTimeoutMs = 60_000,
    signal,
    logger,
  } = options;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const method = (init?.method ?? 'GET').toUpperCase();
  const ownSecrets = new SecretRedactor(secretsOfHeaders(init?.headers));
  const redact = (text: string) =>
    ownSecrets.redact(options.redactor?.redact(text) ?? text);
  const safeUrl = redact(redactUrl(url));

  const attempt = async (): Promise<T> => {
    signal?.throwIfAborted();
    const attemptSignal = signal
      ? AbortSignal.any([signal, AbortSignal.timeout(attemptTimeoutMs)])
      : AbortSignal.timeout(attemptTimeoutMs);
    let response: Response;
    try {
      // Redirects are not followed: a credential goes only to the URL its allowed URLs were checked against.
      response = await fetchImpl(url, {
        ...init,
        redirect: 'manual',
        signal: attemptSignal,
      });
    } catch (error) {
      if (signal?.aborted) {
        throw new AbortError(
          signal.reason instanceof Error
            ? signal.reason
            : new Error(`${method} ${safeUrl} was aborted`),
        );
      }
      const reason =
        attemptSignal.aborted && attemptSignal.reason?.name === 'TimeoutError'
          ? `timed out after ${attemptTimeoutMs} ms`
          : (error as Error)?.cause?.toString() ?? String(error);
      throw new Error(`${method} ${safeUrl} failed: ${redact(reason)}`);
    }

    if (!response.ok) {
      const location = response.headers.get('location');
      const failure = new HttpResponseError({
        method,
        status: response.status,
        statusText:
          response.status >= 300 && response.status < 400
            ? `${response.statusText} to ${redact(
                redactUrl(resolveLocation(location, url)),
              )} (redirects are not followed; point the source at that URL)`.trim()
            : response.statusText,
        url: safeUrl,
        bodyText: await readExcerpt(response, redact),
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
      });
      if (!isRetryableStatus(response.status)) {
        throw new AbortError(failure);
      }
      if ((failure.retryAfterMs ?? 0) > maxRetryAfterMs) {
        throw new AbortError(
          new HttpResponseError({
            method,
            status: response.status,
            statusText:
              `${response.statusText} (Retry-After of ${failure.retryAfterMs} ms exceeds the limit of ${maxRetryAfterMs} ms)`.trim(),
            url: safeUrl,
            bodyText: failure.bodyText,
            retryAfterMs: failure.retryAfterMs,
          }),
        );
      }
      throw failure;
    }

    const text = await response.text();
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new AbortError(
        new Error(
          `${method} ${safeUrl} returned a body that is not JSON: ${excerpt(
            text,
            redact,
            100,
          )}`,
        ),
      );
    }
  };

  return pRetry(attempt, {
    retries,
    factor: 2,
    minTimeout: minTimeoutMs,
    maxTimeout: maxTimeoutMs,
    randomize: false,
    signal,
    onFailedAttempt: async error => {
      if (error.retriesLeft <= 0) {
        return;
      }
      const retryAfterMs =
        error instanceof HttpResponseError ? error.retryAfterMs : undefined;
      const backoffMs = backoffAfterAttempt(
        error.attemptNumber,
        minTimeoutMs,
        maxTimeoutMs,
      );
      // p-retry waits `backoffMs` after this callback; wait the rest of what Retry-After asks for here.
      const extraMs = Math.max(0, (retryAfterMs ?? 0) - backoffMs);
      logger?.warn(
        `${error.message}; retrying in ${Math.round(
          (backoffMs + extraMs) / 1000,
        )} s (attempt ${error.attemptNumber + 1} of ${retries + 1})`,
      );
      if (extraMs > 0) {
        await sleep(extraMs, undefined, { signal });
      }
    },
  });
}
