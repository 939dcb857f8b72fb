// Imported before anything that reads the configuration (which is validated when the modules
// load): the test runs' signing key and bootstrap administrator.
import { randomBytes } from 'node:crypto';

process.env.JWT_SECRET ??= randomBytes(32).toString('base64url');
// Sign-in rate counters are shared in Redis by every app of a deployment: each test file is a
// deployment of its own here, so that one file's sign-ins never spend another's limit.
process.env.RATE_LIMIT_PREFIX ??= `${process.env.QUEUE_PREFIX ?? 'test'}-rate-${randomBytes(4).toString('hex')}`;
process.env.BOOTSTRAP_ADMIN_EMAIL ??= 'admin@homecare.test';
process.env.BOOTSTRAP_ADMIN_PASSWORD ??= 'bootstrap-admin-password-for-tests';

export const TEST_JWT_SECRET = process.env.JWT_SECRET;
export const TEST_ADMIN_EMAIL = process.env.BOOTSTRAP_ADMIN_EMAIL;
export const TEST_ADMIN_PASSWORD = process.env.BOOTSTRAP_ADMIN_PASSWORD;
