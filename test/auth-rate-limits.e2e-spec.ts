import { TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD } from './support/test-env';
import { createTestApp, expectProblem, type TestApp, unique } from './support/test-app';

// LOGIN_RATE_LIMIT's default: attempts per minute per address and per email address.
const LIMIT = 10;

/**
 * Two API instances on the same Redis (as behind a load balancer, or API_PROCESSES > 1) count the
 * same sign-in attempts: spread over both, the limit holds as it does for one.
 */
describe('sign-in rate limits shared by every API instance', () => {
  let first: TestApp;
  let second: TestApp;
  let addressCounter = 0;
  const fromNewAddress = () => `203.0.113.${++addressCounter}`;

  beforeAll(async () => {
    first = await createTestApp();
    second = await createTestApp();
  });

  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  const login = (api: TestApp, address: string, email: string, password: string) =>
    api.anonymous
      .post('/auth/login')
      .set('X-Forwarded-For', address)
      .set('Accept-Language', 'en')
      .send({ email, password });

  it('counts the attempts of one address across both instances', async () => {
    const address = fromNewAddress();
    for (let attempt = 0; attempt < LIMIT; attempt += 1)
      expectProblem(
        await login(attempt % 2 ? second : first, address, `${unique('a')}@homecare.test`, 'wrong password'),
        401,
      );
    // Each instance has seen half the limit: a per-process count would let this through.
    for (const api of [first, second]) {
      const refused = expectProblem(await login(api, address, TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD), 429);
      expect(refused).toMatchObject({ code: 'request.too-many' });
    }
    // Another address is not affected.
    await login(second, fromNewAddress(), TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD).expect(200);
  });

  it('counts the attempts on one email address across both instances and addresses', async () => {
    const email = `${unique('target')}@homecare.test`;
    for (let attempt = 0; attempt < LIMIT; attempt += 1)
      expectProblem(
        await login(attempt % 2 ? first : second, fromNewAddress(), email, 'wrong password'),
        401,
      );
    const refused = await login(first, fromNewAddress(), email.toUpperCase(), 'wrong password');
    expect(expectProblem(refused, 429).detail).toMatch(/wait/);
    expect(refused.headers['retry-after-email']).toMatch(/^\d+$/);
  });
});
