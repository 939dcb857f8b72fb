// Types for scripts/services.mjs, which TypeScript code (test set-up, benchmarks) imports.
export interface Services {
  databaseUrl: string;
  redisUrl: string;
  dir: string;
}
export function ensureServices(options?: {
  name?: string;
  env?: Record<string, string | undefined>;
}): Promise<Services>;
export function stopServices(options?: { name?: string; purge?: boolean }): Promise<void>;
export function freePort(): Promise<number>;
export function portOpen(port: number, host?: string, timeoutMs?: number): Promise<boolean>;
export interface ServiceControl {
  /** undefined when REDIS_URL points at a Redis this script did not start */
  redis?: { stop: () => Promise<void>; start: () => Promise<void> };
  /** undefined when DATABASE_URL points at a Postgres this script did not start */
  postgres?: { stop: () => Promise<void>; start: () => Promise<void>; restart: () => Promise<void> };
}
export function serviceControl(name: string, urls: { databaseUrl: string; redisUrl: string }): ServiceControl;
