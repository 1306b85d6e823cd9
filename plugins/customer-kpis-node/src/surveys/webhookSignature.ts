// HMAC signatures of webhook bodies, compared in constant time: what Typeform and SurveyMonkey sign their deliveries with.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The HMAC of `body` with `secret`, in `encoding` (Typeform: sha256 + base64; SurveyMonkey: sha1 + base64). */
export function hmacSignature(
  secret: string,
  body: Buffer | string,
  options: { algorithm: 'sha256' | 'sha1'; encoding: 'base64' | 'hex' },
): string {
  return createHmac(options.algorithm, secret)
    .update(body)
    .digest(options.encoding);
}

/**
 * Whether a signature from a request equals the expected one, compared in constant time (a byte-by-byte compare
 * that stops early tells an attacker how much of a forged signature is right).
 */
export function signaturesEqual(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
