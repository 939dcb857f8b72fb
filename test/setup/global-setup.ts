// Starts (or reuses) the test Postgres and Redis, creates a fresh database for this run and
// migrates it. Tests never touch anyone's data: with DATABASE_URL / REDIS_URL given, they still
// get a database of their own on that server and a queue prefix of their own in that Redis.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
// globalSetup runs outside jest's module mapper, so the library is imported by path.
import { createDataSource } from '../../libs/database/src';

export default async function globalSetup(): Promise<void> {
  // scripts/services.mjs is ESM; jest's CommonJS world loads it with a dynamic import.
  const { ensureServices } = await import('../../scripts/services.mjs');
  const { databaseUrl, redisUrl } = await ensureServices({ name: 'test' });
  const runId = randomBytes(4).toString('hex');
  const database = `homecare_test_${runId}`;
  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;

  const dataSource = createDataSource(url.toString());
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();

  process.env.NODE_ENV = 'test';
  process.env.DATABASE_URL = url.toString();
  process.env.REDIS_URL = redisUrl;
  process.env.QUEUE_PREFIX = `test-${runId}`;
  process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'silent';
  process.env.TEST_ADMIN_DATABASE_URL = databaseUrl;
  process.env.TEST_DATABASE_NAME = database;
}
