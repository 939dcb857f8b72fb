import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { createSecretKey, type KeyObject, randomBytes, randomUUID } from 'node:crypto';
import { type AppConfig, UnauthenticatedError, machineTime } from '@homecare/common';
import type { UserRole } from '@homecare/database';

/** RFC 9068's media type for JWT access tokens; checked so that no other JWT of ours passes as one. */
export const ACCESS_TOKEN_TYPE = 'at+jwt';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Verified tokens remembered per process; the oldest goes first beyond this (about 4 MB). */
const MAX_VERIFIED_TOKENS = 10_000;

export interface AccessTokenClaims {
  sub: string;
  role: UserRole;
  /** The sign-in (refresh token family) the token belongs to: it stops working when that ends. */
  sid?: string;
}

/**
 * Short-lived access tokens after RFC 8725: HS256 only (pinned on both sides, so `none` and any
 * other algorithm are refused), issuer, audience, expiry and `typ` always checked.
 */
@Injectable()
export class AccessTokenService {
  private readonly logger = new Logger('AccessTokens');
  /**
   * The key as a KeyObject, made once. Given a string, jsonwebtoken makes one on every call and,
   * before that, tries the string as a PEM public key (createPublicKey, which throws for an HMAC
   * secret): about 1 ms of CPU on every signed-in request, the largest single cost of the floor.
   */
  private readonly key: KeyObject;
  private readonly issuer: string;
  private readonly audience: string;
  readonly lifetimeSeconds: number;
  /**
   * Tokens whose signature and claims were checked, with their claims and expiry: an app sends the
   * same token on every request for its whole life, and checking it again (HMAC, JSON, claims) was
   * a twentieth of a busy read's CPU. Keyed by the whole token, so only that exact token passes;
   * its expiry is checked on every use; a token that fails is never kept.
   */
  private readonly verified = new Map<string, { claims: AccessTokenClaims; expiresAtMs: number }>();

  constructor(
    private readonly jwt: JwtService,
    config: ConfigService<AppConfig, true>,
  ) {
    let secret = config.get('JWT_SECRET', { infer: true });
    if (!secret) {
      // Validation already refused this in production.
      secret = randomBytes(48).toString('base64url');
      this.logger.warn(
        'JWT_SECRET is not set: using a random key for this process; tokens stop working at restart.',
      );
    }
    this.key = createSecretKey(Buffer.from(secret, 'utf8'));
    this.issuer = config.get('JWT_ISSUER', { infer: true });
    this.audience = config.get('JWT_AUDIENCE', { infer: true });
    this.lifetimeSeconds = config.get('ACCESS_TOKEN_TTL_SECONDS', { infer: true });
  }

  sign(userId: string, role: UserRole, sessionId?: string): string {
    return this.jwt.sign(sessionId ? { role, sid: sessionId } : { role }, {
      privateKey: this.key,
      algorithm: 'HS256',
      header: { alg: 'HS256', typ: ACCESS_TOKEN_TYPE },
      subject: userId,
      issuer: this.issuer,
      audience: this.audience,
      expiresIn: this.lifetimeSeconds,
      jwtid: randomUUID(),
    });
  }

  /** The claims of a valid token; anything else is one and the same 401. */
  verify(token: string): AccessTokenClaims {
    const known = this.verified.get(token);
    if (known) {
      if (machineTime.nowMs() < known.expiresAtMs) return known.claims;
      this.verified.delete(token);
    }
    let decoded: {
      header: { typ?: string };
      payload: { sub?: unknown; role?: unknown; exp?: unknown; sid?: unknown };
    };
    try {
      decoded = this.jwt.verify(token, {
        // @nestjs/jwt types `secret` as string | Buffer, but hands it to jsonwebtoken as it is,
        // which takes a KeyObject (and refuses anything but a secret key for HS256).
        secret: this.key as unknown as Buffer,
        algorithms: ['HS256'],
        issuer: this.issuer,
        audience: this.audience,
        complete: true,
      });
    } catch {
      throw new UnauthenticatedError('The access token is not valid.');
    }
    const { header, payload } = decoded;
    // jsonwebtoken checks `exp` only when present; a token without one would never expire.
    if (
      header.typ !== ACCESS_TOKEN_TYPE ||
      typeof payload.exp !== 'number' ||
      typeof payload.sub !== 'string' ||
      !UUID.test(payload.sub) ||
      (payload.sid !== undefined && (typeof payload.sid !== 'string' || !UUID.test(payload.sid)))
    ) {
      throw new UnauthenticatedError('The access token is not valid.');
    }
    const claims: AccessTokenClaims = { sub: payload.sub, role: payload.role as UserRole };
    if (typeof payload.sid === 'string') claims.sid = payload.sid;
    if (this.verified.size >= MAX_VERIFIED_TOKENS)
      this.verified.delete(this.verified.keys().next().value as string);
    // jsonwebtoken refuses a token from its `exp` second on: so does the cache.
    this.verified.set(token, { claims, expiresAtMs: payload.exp * 1000 });
    return claims;
  }
}
