import type { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@homecare/common';
import { metricsAllowed } from './metrics-access';

const config = (values: Partial<AppConfig>) =>
  ({ get: (key: keyof AppConfig) => values[key] }) as unknown as ConfigService<AppConfig, true>;

describe('metricsAllowed', () => {
  const token = 'a-metrics-token-of-some-length';

  it('is open outside production without a token, and off in production without one', () => {
    expect(metricsAllowed(config({ NODE_ENV: 'development' }), undefined)).toBe('allowed');
    expect(metricsAllowed(config({ NODE_ENV: 'production' }), undefined)).toBe('off');
    expect(metricsAllowed(config({ NODE_ENV: 'production' }), `Bearer ${token}`)).toBe('off');
  });

  it('asks for the token once one is set, in every environment', () => {
    for (const NODE_ENV of ['development', 'production'] as const) {
      const withToken = config({ NODE_ENV, METRICS_TOKEN: token });
      expect(metricsAllowed(withToken, `Bearer ${token}`)).toBe('allowed');
      expect(metricsAllowed(withToken, undefined)).toBe('refused');
      expect(metricsAllowed(withToken, `Bearer ${token}x`)).toBe('refused');
      expect(metricsAllowed(withToken, token.slice(1))).toBe('refused');
    }
  });
});
