// The signature of every webhook, by the Standard Webhooks convention (standardwebhooks.com), so
// that a receiver may use any of its libraries or the few lines in docs/webhooks.md.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SECRET_PREFIX = 'whsec_';
/** A receiver refuses a timestamp further than this from its own clock (either way). */
export const REPLAY_WINDOW_SECONDS = 5 * 60;

/** A new secret: `whsec_` and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}

/**
 * `v1,` and the base64 HMAC-SHA256 of `${id}.${timestamp}.${body}`, keyed with the secret's bytes
 * (the base64 after `whsec_`). The id and timestamp are signed too, so that neither can be
 * changed to replay a body under another message or at another time.
 */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/**
 * What a receiver does (docs/webhooks.md): the timestamp within the replay window of its own
 * clock, and one of the space-separated signatures equal, compared in constant time.
 */
export function verifyWebhook(
  secret: string,
  headers: { id: string; timestamp: string; signature: string },
  body: string,
  nowSeconds: number,
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > REPLAY_WINDOW_SECONDS) return false;
  const expected = Buffer.from(signWebhook(secret, headers.id, timestamp, body));
  return headers.signature
    .split(' ')
    .map((candidate) => Buffer.from(candidate))
    .some((candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected));
}
