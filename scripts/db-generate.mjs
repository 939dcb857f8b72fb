#!/usr/bin/env node
// Generates a migration from the entities against a scratch database that has every existing
// migration applied, or with --check fails when the entities and the migrations disagree
// (a forgotten migration). Uses the test services, never the dev database.
//   npm run db:generate -- AddSomething
//   npm run db:check
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ensureServices } from './services.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const name = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
if (!check && !name) {
  console.error('usage: npm run db:generate -- MigrationName   |   npm run db:check');
  process.exit(2);
}

const { databaseUrl } = await ensureServices({ name: 'test', env: { ...process.env, REDIS_URL: 'unused' } });
const scratch = `homecare_scratch_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: databaseUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${scratch}`);
const url = new URL(databaseUrl);
url.pathname = `/${scratch}`;
const env = { ...process.env, DATABASE_URL: url.toString(), TS_NODE_TRANSPILE_ONLY: 'true' };
const typeorm = join(repoRoot, 'node_modules', 'typeorm', 'cli-ts-node-commonjs.js');
const dataSource = join(repoRoot, 'libs', 'database', 'src', 'data-source.cli.ts');
let status = 0;
try {
  execFileSync(process.execPath, [typeorm, 'migration:run', '-d', dataSource], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const args = check
    ? ['migration:generate', '--dryrun', '--check', '-d', dataSource, 'libs/database/src/migrations/Pending']
    : ['migration:generate', '--pretty', '-d', dataSource, `libs/database/src/migrations/${name}`];
  execFileSync(process.execPath, [typeorm, ...args], { env, stdio: 'inherit', cwd: repoRoot });
  if (check) console.log('db:check: the migrations match the entities');
  else console.log('Now add the new class to libs/database/src/migrations/index.ts.');
} catch {
  status = 1;
  if (check)
    console.error('db:check: the entities differ from the migrations: run `npm run db:generate -- Name`');
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
  await admin.end();
}
process.exit(status);
