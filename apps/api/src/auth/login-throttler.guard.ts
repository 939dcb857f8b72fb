import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/**
 * Rate limits on the routes that take a password or a token (sign-in, refresh, invitations): per
 * IP address, and for sign-in also per email address, so that one account cannot be tried from
 * many addresses. Counters live in Redis (RedisThrottlerStorage), shared by every API process.
 */
@Injectable()
export class CredentialsThrottlerGuard extends ThrottlerGuard {}

export const THROTTLE_BY_IP = 'ip';
export const THROTTLE_BY_EMAIL = 'email';

/** The email of a sign-in request, normalised, as the per-account tracker. */
export function emailTracker(request: Record<string, unknown>): string {
  const body = request.body as { email?: unknown } | undefined;
  return typeof body?.email === 'string' ? `email:${body.email.trim().toLowerCase()}` : 'email:none';
}

export function hasEmail(request: { body?: unknown }): boolean {
  const body = request.body as { email?: unknown } | undefined;
  return typeof body?.email === 'string';
}
