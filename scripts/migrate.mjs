#!/usr/bin/env node
// `npm run db:migrate`: applies pending migrations to DATABASE_URL using the built code
// (building first when needed), so that operators run exactly what production runs.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(repoRoot, 'dist/apps/api/libs/database/src/index.js');
if (!process.env.DATABASE_URL) {
  console.error('DATABASE_URL is not set (try: eval "$(npm run -s services -- env)")');
  process.exit(1);
}
if (!existsSync(built)) execSync('npm run -s build', { cwd: repoRoot, stdio: 'inherit' });
const { createDataSource } = createRequire(import.meta.url)(built);
const dataSource = createDataSource(process.env.DATABASE_URL);
await dataSource.initialize();
try {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  console.log(applied.length ? `applied ${applied.map((m) => m.name).join(', ')}` : 'database is up to date');
} finally {
  await dataSource.destroy();
}
