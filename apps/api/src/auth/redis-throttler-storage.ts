import { Logger } from '@nestjs/common';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import type Redis from 'ioredis';

/**
 * One hit on a counter, atomically: KEYS[1] the hits of the window (expiring after the window),
 * KEYS[2] the block (expiring after the block). ARGV: window ms, limit, block ms. A hit while
 * blocked is not counted; the hit past the limit starts the block and clears the window, so that
 * counting starts afresh once the block is over (as the in-process storage does).
 * Returns [hits, window ms left, blocked 0/1, block ms left].
 */
const HIT = `
local blockLeft = redis.call('PTTL', KEYS[2])
if blockLeft > 0 then
  return {tonumber(redis.call('GET', KEYS[1]) or '0'), math.max(redis.call('PTTL', KEYS[1]), 0), 1, blockLeft}
end
local hits = redis.call('INCR', KEYS[1])
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  left = tonumber(ARGV[1])
end
if hits > tonumber(ARGV[2]) then
  local block = tonumber(ARGV[3])
  if block > 0 then
    redis.call('SET', KEYS[2], '1', 'PX', block)
    redis.call('DEL', KEYS[1])
    return {hits, left, 1, block}
  end
  return {hits, left, 1, left}
end
return {hits, left, 0, 0}
`;

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

const seconds = (milliseconds: number): number => Math.max(0, Math.ceil(milliseconds / 1000));

/**
 * Sign-in (and invitation, refresh) rate counters in Redis, so that every API process of a
 * deployment counts the same attempts: with per-process counters, N processes let N times the
 * limit through. Same windows, limits and blocks as before. While Redis does not answer, each
 * process counts on its own (the limit still holds per process) rather than refusing sign-in.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private readonly fallback = new ThrottlerStorageService();
  private warned = false;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    // The key is already a hash of the route, the throttler and the tracker (address or email).
    const base = `${this.prefix}:rate:${throttlerName}:${key}`;
    let answer: unknown;
    try {
      answer = await this.redis.eval(HIT, 2, `${base}:hits`, `${base}:block`, ttl, limit, blockDuration);
      this.warned = false;
    } catch (error) {
      if (!this.warned) this.logger.warn(`rate limits counted per process: ${(error as Error).message}`);
      this.warned = true;
      return this.fallback.increment(key, ttl, limit, blockDuration, throttlerName);
    }
    const [hits, windowLeft, blocked, blockLeft] = (answer as number[]).map(Number);
    return {
      totalHits: hits,
      timeToExpire: seconds(windowLeft),
      isBlocked: blocked === 1,
      timeToBlockExpire: seconds(blockLeft),
    };
  }

  onApplicationShutdown(): void {
    this.fallback.onApplicationShutdown();
  }
}
