import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@homecare/common';
import { preparedQuery } from '../database';
import { REDIS } from '../redis';

/** How long a "this sign-in is still valid" answer is kept in Redis before the database is asked again. */
const ACTIVE_TTL_MS = 5000;

/**
 * Whether the sign-in (refresh token family) an access token belongs to is still valid, for every
 * process at once: an access token stops working on the next request after its sign-in is ended
 * (sign-out, reuse of a refresh token, the account disabled), not when it expires.
 *
 * The answer lives in Redis under the family id: `revoked` (written when a sign-in ends, kept as
 * long as an access token of it could live) or `active` (the database's answer, kept 5 seconds).
 * The database (auth_refresh_token.revoked_at) is the truth: when Redis is unreachable, or missed
 * the `revoked` mark, the database answers, at the latest 5 seconds after the sign-in ended.
 */
@Injectable()
export class SessionRevocations {
  private readonly logger = new Logger('SessionRevocations');
  private readonly prefix: string;
  private readonly revokedTtlMs: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    config: ConfigService<AppConfig, true>,
  ) {
    this.prefix = `${config.get('QUEUE_PREFIX', { infer: true })}:session:`;
    // Longer than any access token of the sign-in can live (plus a margin for clock steps).
    this.revokedTtlMs = (config.get('ACCESS_TOKEN_TTL_SECONDS', { infer: true }) + 60) * 1000;
  }

  /** Marks sign-ins as ended, after their refresh tokens were revoked in the database. */
  async revoked(familyIds: string[]): Promise<void> {
    if (familyIds.length === 0) return;
    try {
      const pipeline = this.redis.multi();
      for (const id of new Set(familyIds)) pipeline.set(this.prefix + id, 'revoked', 'PX', this.revokedTtlMs);
      await pipeline.exec();
    } catch (error) {
      // The database has it: every process sees it within ACTIVE_TTL_MS.
      this.logger.warn(`could not mark ended sign-ins in Redis (${(error as Error).message})`);
    }
  }

  /** Whether the sign-in is still valid. */
  async isActive(familyId: string): Promise<boolean> {
    let cached: string | null = null;
    let redisUp = true;
    try {
      cached = await this.redis.get(this.prefix + familyId);
    } catch {
      redisUp = false;
    }
    if (cached === 'revoked') return false;
    if (cached === 'active') return true;
    const [row] = await preparedQuery<{ active: boolean }>(
      this.dataSource,
      `SELECT EXISTS (SELECT 1 FROM auth_refresh_token WHERE family_id = $1)
              AND NOT EXISTS (SELECT 1 FROM auth_refresh_token WHERE family_id = $1 AND revoked_at IS NOT NULL) AS active`,
      [familyId],
    );
    const active = row?.active === true;
    if (redisUp) {
      // NX: never overwrite a `revoked` mark written meanwhile.
      await this.redis
        .set(
          this.prefix + familyId,
          active ? 'active' : 'revoked',
          'PX',
          active ? ACTIVE_TTL_MS : this.revokedTtlMs,
          'NX',
        )
        .catch(() => undefined);
    }
    return active;
  }
}
