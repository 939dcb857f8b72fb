// A database of its own for each fuzz file, and a fingerprint of its rows.
//
// The other end-to-end files share one database per run (and may run at the same time in other
// jest workers), so a fingerprint of "every table" there would see their writes. Each fuzz file
// therefore migrates a private database next to the run's one and points the app at it before the
// app's modules load (the configuration is validated when they are first imported).
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createDataSource } from '@homecare/database';

/**
 * Tables left out of the fingerprint, and why: they legitimately change on requests that change
 * nothing else.
 */
export const FINGERPRINT_EXCLUDED_TABLES: Record<string, string> = {
  migrations: "TypeORM's own bookkeeping",
  access_log_entry: 'every access to client data is recorded, refused attempts included (an audit log)',
  auth_refresh_token: 'sign-ins write and rotate refresh tokens',
};

export interface FuzzDatabase {
  url: string;
  /** One md5 per application table. */
  fingerprint: () => Promise<Record<string, string>>;
  /** Waits until the outbox relay has dispatched every row (it runs in the API, off the request path). */
  outboxSettled: () => Promise<void>;
  query: (sql: string, values?: unknown[]) => Promise<Record<string, unknown>[]>;
  drop: () => Promise<void>;
}

/**
 * Creates and migrates `<run database>_<label>_<random>` and sets DATABASE_URL (and a queue prefix
 * of its own, so that the workers of other test files never pick up this database's jobs). Call
 * before the first import of the app's modules.
 */
export async function usePrivateDatabase(label: string): Promise<FuzzDatabase> {
  const adminUrl = process.env.TEST_ADMIN_DATABASE_URL;
  const runDatabase = process.env.TEST_DATABASE_NAME;
  if (!adminUrl || !runDatabase)
    throw new Error('the e2e global setup did not run (TEST_ADMIN_DATABASE_URL)');
  const suffix = randomBytes(3).toString('hex');
  const name = `${runDatabase}_${label}_${suffix}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  // A copy of the run's migrated template when there is one (a fraction of a second); Postgres
  // refuses while another session copies the same template, and then this one migrates its own.
  const template = process.env.TEST_TEMPLATE_DATABASE;
  const cloned = template
    ? await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`).then(
        () => true,
        () => false,
      )
    : false;
  if (!cloned) await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  if (!cloned) {
    const dataSource = createDataSource(url.toString());
    await dataSource.initialize();
    await dataSource.runMigrations();
    await dataSource.destroy();
  }

  process.env.DATABASE_URL = url.toString();
  process.env.QUEUE_PREFIX = `${process.env.QUEUE_PREFIX ?? 'test'}-${label}-${suffix}`.slice(0, 40);

  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  const tables = (
    await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    )
  ).rows
    .map((row) => row.name)
    .filter((table) => !(table in FINGERPRINT_EXCLUDED_TABLES));
  // One round trip: a row per table with the md5 of all its rows in a stable order.
  const fingerprintSql = tables
    .map(
      (table) =>
        `SELECT '${table}' AS name, md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS hash FROM "${table}" t`,
    )
    .join(' UNION ALL ');

  return {
    url: url.toString(),
    fingerprint: async () => {
      const rows = (await client.query<{ name: string; hash: string }>(fingerprintSql)).rows;
      return Object.fromEntries(rows.map((row) => [row.name, row.hash]));
    },
    outboxSettled: async () => {
      for (let attempt = 0; attempt < 100; attempt += 1) {
        const pending = await client.query('SELECT 1 FROM outbox WHERE dispatched_at IS NULL LIMIT 1');
        if (pending.rowCount === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('the outbox relay did not dispatch the pending rows within 10 s');
    },
    query: async (sql, values) => (await client.query(sql, values)).rows,
    drop: async () => {
      await client.end();
      if (process.env.KEEP_TEST_DATABASE) return;
      const dropper = new Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/** The tables whose fingerprint differs, for a failure message. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => before[name] !== after[name]).sort();
}
