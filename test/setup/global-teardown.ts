import { Client } from 'pg';

/** Drops this run's database; the servers stay up for the next run (scripts/test.mjs stops them). */
export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env.TEST_ADMIN_DATABASE_URL;
  const database = process.env.TEST_DATABASE_NAME;
  if (!adminUrl || !database || process.env.KEEP_TEST_DATABASE) return;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
}
