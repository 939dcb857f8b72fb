// The API keeps the accounts it authenticates in memory and forgets one as soon as the database
// says it changed (triggers on user_account, LISTEN/NOTIFY), whoever changed it.
import { DataSource } from 'typeorm';
import { AccountCache, type ActiveAccount } from '@homecare/core/auth';
import { UserAccount } from '@homecare/database';
import { waitFor } from './support/processes';
import { createTestApp, expectProblem, signInAs, type TestApp } from './support/test-app';

describe('accounts kept in memory by the API', () => {
  let api: TestApp;
  let cache: AccountCache;

  beforeAll(async () => {
    api = await createTestApp();
    cache = api.app.get(AccountCache);
  });
  afterAll(() => api.close());

  /** A loader that counts its reads, answering what the database would. */
  function countingLoader(account: ActiveAccount) {
    const reads: string[] = [];
    return { reads, load: async (id: string) => (reads.push(id), account) };
  }

  async function listening(): Promise<void> {
    const family = await signInAs(api, { role: 'family' });
    await family.http.get('/users/me').expect(200);
    await waitFor('the cache to listen', () => cache.isListening(), 10_000);
  }

  it('reads an account once, and again as soon as the database says its access changed', async () => {
    await listening();
    const family = await signInAs(api, { role: 'family' });
    const { reads, load } = countingLoader({ id: family.user.id, role: 'family', organisationId: null });
    await cache.get(family.user.id, load);
    await cache.get(family.user.id, load);
    expect(reads).toHaveLength(1);

    // A change of something else of the account is no reason to read it again.
    await api.app
      .get(DataSource)
      .getRepository(UserAccount)
      .update({ id: family.user.id }, { name: 'Renamed' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await cache.get(family.user.id, load);
    expect(reads).toHaveLength(1);

    await api.app
      .get(DataSource)
      .query(`UPDATE user_account SET role = 'administrator' WHERE id = $1`, [family.user.id]);
    await waitFor(
      'the change to be heard',
      async () => (await cache.get(family.user.id, load), reads.length === 2),
      2000,
      10,
    );
  });

  it('takes a role changed in SQL into account as soon as Postgres tells the API', async () => {
    await listening();
    const family = await signInAs(api, { role: 'family' });
    expectProblem(await family.http.get('/teams'), 403);
    await api.app
      .get(DataSource)
      .query(`UPDATE user_account SET role = 'administrator' WHERE id = $1`, [family.user.id]);
    // The notification travels on its own connection: milliseconds, not the UPDATE's transaction.
    await waitFor('the new role', async () => (await family.http.get('/teams')).status === 200, 2000, 5);
    await family.http.get('/teams').expect(200);
  });

  it('keeps nothing while it cannot hear the database, and listens again on its own', async () => {
    await listening();
    const family = await signInAs(api, { role: 'family' });
    const { reads, load } = countingLoader({ id: family.user.id, role: 'family', organisationId: null });
    await api.app
      .get(DataSource)
      .query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, [
        `account-cache:${process.pid}`,
      ]);
    await waitFor('the cache to notice', () => !cache.isListening(), 5000, 10);
    await cache.get(family.user.id, load);
    await cache.get(family.user.id, load);
    expect(reads).toHaveLength(2);
    // Requests go on meanwhile, reading their account each time.
    await family.http.get('/users/me').expect(200);

    await waitFor('the cache to listen again', () => cache.isListening(), 10_000);
    await cache.get(family.user.id, load);
    await cache.get(family.user.id, load);
    expect(reads).toHaveLength(3);
  });
});
