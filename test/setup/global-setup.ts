// Starts (or reuses) the test Postgres and Redis, creates a fresh database for this run and
// migrates it. Tests never touch anyone's data: with DATABASE_URL / REDIS_URL given, they still
// get a database of their own on that server and a queue prefix of their own in that Redis.
//
// The test files run in several jest workers at once (scripts/test.mjs). Each worker gets its own
// copy of the migrated database and its own queue prefix (test/setup/worker-database.ts): a file's
// workers and maintenance sweeps then never see another file's rosters or jobs, as when the files
// ran one after another.
import type { Config } from '@jest/types';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
// globalSetup runs outside jest's module mapper, so the library is imported by path.
import { createDataSource } from '../../libs/database/src';

export default async function globalSetup(globalConfig?: Config.GlobalConfig): Promise<void> {
  // scripts/services.mjs is ESM; jest's CommonJS world loads it with a dynamic import.
  const { ensureServices } = await import('../../scripts/services.mjs');
  const { databaseUrl, redisUrl } = await ensureServices({ name: 'test' });
  const runId = randomBytes(4).toString('hex');
  const database = `homecare_test_${runId}`;
  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;

  const dataSource = createDataSource(url.toString());
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();
  // A copy of the migrated database per worker: cloning a template takes a fraction of a second,
  // migrating takes several.
  const workers = Math.max(1, globalConfig?.maxWorkers ?? 1);
  for (let worker = 1; worker <= workers; worker += 1)
    await admin.query(`CREATE DATABASE ${database}_w${worker} TEMPLATE ${database}`);
  await admin.end();

  process.env.NODE_ENV = 'test';
  process.env.DATABASE_URL = url.toString();
  process.env.REDIS_URL = redisUrl;
  process.env.QUEUE_PREFIX = `test-${runId}`;
  process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'silent';
  process.env.TEST_ADMIN_DATABASE_URL = databaseUrl;
  process.env.TEST_DATABASE_NAME = database;
  process.env.TEST_RUN_QUEUE_PREFIX = `test-${runId}`;
  process.env.TEST_WORKER_DATABASES = String(workers);
  // Never used by a test file: the migrated template that private databases are cloned from.
  process.env.TEST_TEMPLATE_DATABASE = database;
}
