// Bad-input cases of `POST /webhooks/{sourceId}`: source ids out of spec, sources without webhooks, media types,
// empty and oversized bodies, and missing, wrong, tampered or stale signatures. A webhook caller has no Backstage
// token, so every answer must say what is wrong without naming a secret, and nothing may be stored or recorded.
import { hmacSignature } from '@customer-kpis/backstage-plugin-customer-kpis-node';
import { BadInputCase } from '../badInput';
import { signedHeaders } from '../webhookSourceType';
import { EXISTING_SOURCE } from './sources';

const SECRET = 'bad-input-webhook-secret-0123456789';
const HOOKED = 'bad-input-hooked';

/**
 * What the suite's backend must be configured with for these cases: a source of the test `signed` type (see
 * `../webhookSourceType`) whose webhook secret is a credential of its own.
 */
export const WEBHOOK_CONFIG = {
  credentials: {
    'bad-input-hook-secret': {
      secret: SECRET,
      allowedUrls: [
        `https://backstage.example/api/customer-kpis/webhooks/${HOOKED}`,
      ],
    },
  },
  sources: [
    {
      id: HOOKED,
      type: 'signed',
      schedule: { frequency: { hours: 6 } },
      config: { webhookCredential: 'bad-input-hook-secret' },
    },
  ],
};

const nowSeconds = () => Math.floor(Date.now() / 1000);
/** A delivery the `signed` type reads: one NPS answer. */
const DELIVERY = JSON.stringify({
  id: 'bad-input-delivery',
  answers: [
    {
      entity: 'component:default/checkout-service',
      score: 9,
      day: '2025-03-01',
    },
  ],
});

/**
 * A case whose body is signed when it is sent (a signature must be fresh: the suite can run longer than the
 * five minutes the `signed` type accepts), `headers(body)` giving the headers sent with it.
 */
const delivered = (
  name: string,
  options: {
    source?: string;
    body?: string;
    headers?: (body: string) => Record<string, string>;
    status: number;
    message: RegExp;
  },
): BadInputCase => {
  const body = options.body ?? DELIVERY;
  const headers =
    options.headers ?? (b => signedHeaders(b, SECRET, nowSeconds()));
  return {
    name: `POST /webhooks/{sourceId}: ${name}`,
    method: 'post',
    path: `/webhooks/${options.source ?? HOOKED}`,
    raw: {
      body,
      get headers() {
        return headers(body);
      },
    },
    status: options.status,
    message: options.message,
  };
};

/** Signed headers with one header replaced. */
const signedWith =
  (changes: Record<string, string>) =>
  (body: string): Record<string, string> => ({
    ...signedHeaders(body, SECRET, nowSeconds()),
    ...changes,
  });

/** Source ids no source can have, as they appear in the path. */
const BAD_IDS: [string, string][] = [
  ['capitals and a space', 'My%20Hook'],
  ['101 characters', 'h'.repeat(101)],
  ['a NUL', 'hook%00'],
  ['directory climbing', '..%2F..%2Fsources'],
  ['a leading dot', '.hidden'],
];

const UNSIGNED = /^Webhook signature missing; nothing was stored$/;
const INVALID = /^Webhook signature invalid; nothing was stored$/;
const NOT_A_DELIVERY =
  /^The webhook body is not a delivery this source reads: .+; nothing was stored$/;
const NOT_JSON = (got: string) =>
  new RegExp(
    `^Invalid request body: Content-Type must be application/json or application/\\*\\+json \\(got ${got.replace(
      /[/;=+]/g,
      c => `\\${c}`,
    )}\\)$`,
  );

export const webhookCases: BadInputCase[] = [
  // The path: a source id out of spec is refused before anything else is read.
  ...BAD_IDS.map(([what, id]) =>
    delivered(`a source id with ${what}`, {
      source: id,
      status: 400,
      message:
        /^Invalid path: sourceId: must be 1–100 lower-case letters, digits, dots, dashes or underscores/,
    }),
  ),
  delivered('a source id no source has', {
    source: 'no-such-source',
    status: 404,
    message: /^No webhook for data source 'no-such-source'$/,
  }),
  delivered('a source whose type takes no webhooks', {
    source: EXISTING_SOURCE.id,
    status: 404,
    message: new RegExp(`^No webhook for data source '${EXISTING_SOURCE.id}'$`),
  }),

  // The media type: the signature covers JSON bytes (application/json or a vendor type such as
  // application/vnd.surveymonkey.response.v1+json); anything else is refused before it is read.
  ...[
    'text/plain',
    'text/json',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/xml',
  ].map(type =>
    delivered(`a ${type.split(';')[0]} body`, {
      headers: signedWith({ 'content-type': type }),
      status: 415,
      message: NOT_JSON(type),
    }),
  ),
  delivered('a content encoding the API does not read', {
    headers: signedWith({ 'content-encoding': 'compress' }),
    status: 415,
    message: /^Invalid request body: unsupported content encoding "compress"$/,
  }),

  // Empty and oversized bodies.
  delivered('an empty body without a signature', {
    body: '',
    headers: () => ({ 'content-type': 'application/json' }),
    status: 401,
    message: UNSIGNED,
  }),
  delivered('an empty body, signed', {
    body: '',
    status: 400,
    message: NOT_A_DELIVERY,
  }),
  delivered('a body over the source type’s limit (64 KiB)', {
    body: JSON.stringify({ id: 'big', padding: 'x'.repeat(64 * 1024) }),
    status: 413,
    message: /^Invalid request body: it is larger than 65536 bytes$/,
  }),
  delivered('a body over the route’s limit (1 MiB)', {
    body: JSON.stringify({ id: 'huge', padding: 'x'.repeat(1024 * 1024) }),
    status: 413,
    message: /^Invalid request body: it is larger than 1mb$/,
  }),

  // Bodies the signature covers but the source type cannot read.
  delivered('a signed body that is not JSON', {
    body: '{id: bad-input}',
    status: 400,
    message: NOT_A_DELIVERY,
  }),
  delivered('a signed JSON object without answers', {
    body: '{"id":"bad-input"}',
    status: 400,
    message: NOT_A_DELIVERY,
  }),
  delivered('a signed JSON array', {
    body: '[]',
    status: 400,
    message: NOT_A_DELIVERY,
  }),

  // Signatures: missing, wrong, tampered or stale. None of them may store anything.
  delivered('no signature headers', {
    headers: () => ({ 'content-type': 'application/json' }),
    status: 401,
    message: UNSIGNED,
  }),
  delivered('an empty signature', {
    headers: signedWith({ 'x-signature': '' }),
    status: 401,
    message: UNSIGNED,
  }),
  delivered('a timestamp that is not a number', {
    headers: signedWith({ 'x-timestamp': 'yesterday' }),
    status: 401,
    message: UNSIGNED,
  }),
  delivered('a signature with another secret', {
    headers: body =>
      signedHeaders(body, 'another-secret-0123456789', nowSeconds()),
    status: 401,
    message: INVALID,
  }),
  delivered('a signature that is not hex', {
    headers: signedWith({ 'x-signature': 'not-a-signature' }),
    status: 401,
    message: INVALID,
  }),
  delivered('a signature of another body', {
    headers: () => signedHeaders('{"id":"other"}', SECRET, nowSeconds()),
    status: 401,
    message: INVALID,
  }),
  delivered('a signature of another timestamp', {
    headers: body => ({
      ...signedHeaders(body, SECRET, nowSeconds()),
      'x-timestamp': String(nowSeconds() - 1),
    }),
    status: 401,
    message: INVALID,
  }),
  delivered('a signature of the body without its timestamp', {
    headers: body => ({
      ...signedHeaders(body, SECRET, nowSeconds()),
      'x-signature': hmacSignature(SECRET, body, {
        algorithm: 'sha256',
        encoding: 'hex',
      }),
    }),
    status: 401,
    message: INVALID,
  }),
  delivered('a signature an hour old', {
    headers: body => signedHeaders(body, SECRET, nowSeconds() - 3600),
    status: 401,
    message: /^Webhook signature stale; nothing was stored$/,
  }),
];
