import { createHash, createHmac, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: refresh tokens and invitation links. */
export function newOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * What is stored instead of the token. A fast hash is enough for 256 random bits (nothing to
 * guess), and it lets the token be looked up by its hash.
 */
export function hashOpaqueToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * The token of an emailed link, derived from the record's id with the signing key, so that the
 * worker can put it in the email without it being stored anywhere or carried in a job: only its
 * hash is in the database, and the job holds the id alone.
 */
export function linkToken(secret: string, purpose: 'invitation' | 'password-reset', id: string): string {
  return createHmac('sha256', secret).update(`email-link:${purpose}:${id}`, 'utf8').digest('base64url');
}
