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
