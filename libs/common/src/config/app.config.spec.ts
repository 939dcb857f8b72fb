import { randomBytes } from 'node:crypto';
import { isPublishedSecret, validateEnvironment } from './app.config';

const BASE = {
  DATABASE_URL: 'postgres://homecare:pw@127.0.0.1:5432/homecare',
  REDIS_URL: 'redis://127.0.0.1:6379',
};

describe('the signing key in production', () => {
  const production = (secret?: string) => () =>
    validateEnvironment({
      ...BASE,
      NODE_ENV: 'production',
      ...(secret === undefined ? {} : { JWT_SECRET: secret }),
    });

  it('refuses to start without one', () => {
    expect(production()).toThrow(/JWT_SECRET: required in production/);
  });

  it('refuses a short one', () => {
    expect(production('short-key')).toThrow(/JWT_SECRET: JWT_SECRET must be at least 32 characters/);
  });

  it("refuses the compose file's former development key and other published or placeholder keys", () => {
    for (const known of [
      'homecare-dev-only-signing-key-change-me',
      'please-change-me-before-going-live-0123456789',
      'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      'abababababababababababababababababab',
    ]) {
      expect(production(known)).toThrow(/JWT_SECRET: a published development key is not allowed/);
    }
  });

  it('starts with a random key of 32 characters or more', () => {
    const secret = randomBytes(32).toString('base64url');
    expect(isPublishedSecret(secret)).toBe(false);
    expect(validateEnvironment({ ...BASE, NODE_ENV: 'production', JWT_SECRET: secret }).JWT_SECRET).toBe(
      secret,
    );
  });

  it('lets development and tests run without a key (a random one per process)', () => {
    expect(() => validateEnvironment({ ...BASE, NODE_ENV: 'development' })).not.toThrow();
    expect(() => validateEnvironment({ ...BASE, NODE_ENV: 'test' })).not.toThrow();
  });
});
