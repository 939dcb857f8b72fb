import { timingSafeEqual } from 'node:crypto';
import type { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@homecare/common';

/** Who may scrape: anyone outside production without a token; only the token's holder with one. */
export function metricsAllowed(
  config: ConfigService<AppConfig, true>,
  authorization: string | undefined,
): 'allowed' | 'refused' | 'off' {
  const token = config.get('METRICS_TOKEN', { infer: true });
  if (!token) return config.get('NODE_ENV', { infer: true }) === 'production' ? 'off' : 'allowed';
  const given = Buffer.from(authorization?.replace(/^Bearer /i, '') ?? '');
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted) ? 'allowed' : 'refused';
}
