// The one redactor between the configured secrets and anything that leaves the backend or is stored: it replaces
// each secret, in the encodings an upstream or a proxy is likely to echo, with `***`.
import { redactUrlsInText } from '../http/redactUrl';
import { SourceRedactor } from '../sourceType';

/** What a secret is replaced with. */
export const REDACTED = '***';

/**
 * Base64 cores shorter than this are not searched for: a core of a few characters would also hit unrelated base64
 * text. Secrets of 8 characters or more (the backend's minimum) always have longer cores.
 */
const MIN_BASE64_CORE = 6;
const BASE64_CHAR = /[A-Za-z0-9+/_-]/;

/**
 * Header or field names whose value is a credential whatever it holds, as an upstream echoes them: a header line
 * (`Authorization: Bearer x`), JSON (`"authorization":"Basic x"`, also escaped inside a JSON string) or a query
 * (`api_key=x`). Covers credentials that are not in config, such as a token a source obtained at run time.
 */
const SENSITIVE_FIELD =
  /\b((?:proxy-)?authorization|x-api-key|api[-_]?key|x-auth-token|private-token|cookie)(\\?["']?\s*[:=]\s*\\?["']?)((?:(?:bearer|basic|token|digest|negotiate)\s+)?[^\s"'\\,;&}]+)/gi;

const escapeRegExp = (text: string) =>
  text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const toBase64Url = (text: string) =>
  text.replace(/\+/g, '-').replace(/\//g, '_');

/**
 * The parts of the base64 of `secret` that do not depend on what surrounds it, for each of the three alignments
 * the secret can have in the encoded bytes. Any base64 text that encodes the secret, alone or inside more bytes
 * (`user:password` of Basic authentication, Zendesk's `email/token:apitoken`), contains one of them.
 */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const cores: string[] = [];
  for (const offset of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString(
      'base64',
    );
    // Character i encodes bits 6i…6i+5; keep those that lie wholly within the secret's bits.
    const core = encoded.slice(
      Math.ceil((8 * offset) / 6),
      Math.floor((8 * (offset + bytes.length)) / 6),
    );
    if (core.length >= MIN_BASE64_CORE) {
      cores.push(core, toBase64Url(core));
    }
  }
  return cores;
}

/** The plain forms of `secret`: as is, trimmed, JSON-escaped, and percent-encoded (either case, `+` for space). */
function literalForms(secret: string): string[] {
  const forms = [secret, secret.trim(), JSON.stringify(secret).slice(1, -1)];
  const percent = encodeURIComponent(secret);
  forms.push(
    percent,
    percent.replace(/%[0-9A-F]{2}/g, code => code.toLowerCase()),
    new URLSearchParams({ s: secret }).toString().slice(2),
  );
  return forms;
}

/**
 * Replaces configured secrets with `***` in texts and JSON values. It finds each secret as is, trimmed, JSON-escaped,
 * percent-encoded (as `encodeURIComponent` and as form data), and inside base64 (standard and URL alphabets, at any
 * alignment: the whole base64 word is replaced, so `Basic <base64 of user:secret>` becomes `Basic ***`). Overlapping
 * secrets are all replaced. It also replaces the values of `Authorization`-like fields, and the user info and
 * secret-looking query values of URLs ({@link redactUrl}).
 *
 * Every configured secret is redacted, however short; a very short secret also replaces unrelated text that happens
 * to contain it, which is why the backend refuses secrets under 8 characters.
 */
export class SecretRedactor implements SourceRedactor {
  private readonly secrets: readonly string[];
  private readonly pattern: RegExp | undefined;
  private readonly cores: ReadonlySet<string>;

  constructor(secrets: Iterable<string>) {
    this.secrets = [...new Set([...secrets].filter(s => s.length > 0))];
    const cores = new Set(this.secrets.flatMap(base64Cores));
    const forms = new Set([
      ...this.secrets.flatMap(literalForms).filter(f => f.length > 0),
      ...cores,
    ]);
    this.cores = cores;
    // Longest first, so that where two forms start at the same place the longer one is taken.
    this.pattern =
      forms.size > 0
        ? new RegExp(
            [...forms]
              .sort((a, b) => b.length - a.length)
              .map(escapeRegExp)
              .join('|'),
            'g',
          )
        : undefined;
  }

  /** A redactor that knows these secrets too. */
  withSecrets(more: Iterable<string>): SecretRedactor {
    return new SecretRedactor([...this.secrets, ...more]);
  }

  /** `text` with every known secret in every known encoding, credential fields and URL user info replaced. */
  redact(text: string): string {
    return redactUrlsInText(
      this.replaceSecrets(text).replace(
        SENSITIVE_FIELD,
        (_match, name: string, separator: string) =>
          `${name}${separator}${REDACTED}`,
      ),
    );
  }

  /**
   * A copy of a JSON-like value with every string (keys too) redacted: for samples, answers and log metadata.
   * Non-plain objects other than arrays and errors are returned as they are.
   */
  redactValue<T>(value: T): T {
    return this.redactDeep(value, 0) as T;
  }

  private redactDeep(value: unknown, depth: number): unknown {
    if (typeof value === 'string') return this.redact(value);
    if (depth > 64 || value === null || typeof value !== 'object') {
      return value;
    }
    if (Array.isArray(value)) {
      return value.map(item => this.redactDeep(item, depth + 1));
    }
    if (value instanceof Error) {
      const copy = new Error(this.redact(value.message));
      copy.name = value.name;
      copy.stack =
        value.stack === undefined ? undefined : this.redact(value.stack);
      return copy;
    }
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      return value;
    }
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        this.redact(key),
        this.redactDeep(item, depth + 1),
      ]),
    );
  }

  private replaceSecrets(text: string): string {
    const pattern = this.pattern;
    if (!pattern) return text;
    // Every match at every position, so that overlapping secrets are both covered; then the union of the ranges.
    const ranges: Array<[number, number]> = [];
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      let start = match.index;
      let end = start + match[0].length;
      if (this.cores.has(match[0])) {
        while (start > 0 && BASE64_CHAR.test(text[start - 1])) start--;
        while (end < text.length && BASE64_CHAR.test(text[end])) end++;
        while (end < text.length && text[end] === '=') end++;
      }
      ranges.push([start, end]);
      pattern.lastIndex = match.index + 1;
    }
    if (ranges.length === 0) return text;
    ranges.sort((a, b) => a[0] - b[0]);
    let result = '';
    let position = 0;
    let current = ranges[0];
    for (const range of ranges.slice(1)) {
      if (range[0] <= current[1]) {
        current = [current[0], Math.max(current[1], range[1])];
      } else {
        result += text.slice(position, current[0]) + REDACTED;
        position = current[1];
        current = range;
      }
    }
    return (
      result +
      text.slice(position, current[0]) +
      REDACTED +
      text.slice(current[1])
    );
  }
}
