import { Client } from 'pg';

/**
 * Drops this run's databases (the migrated one, the workers' copies and any private database a
 * file made from them); the servers stay up for the next run (scripts/test.mjs stops them).
 */
export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env.TEST_ADMIN_DATABASE_URL;
  const database = process.env.TEST_DATABASE_NAME;
  if (!adminUrl || !database || process.env.KEEP_TEST_DATABASE) return;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  const { rows } = await admin.query<{ name: string }>(
    `SELECT datname AS name FROM pg_database WHERE datname = $1 OR datname LIKE $2 ORDER BY length(datname) DESC`,
    [database, `${database}\\_%`],
  );
  for (const { name } of rows) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}
