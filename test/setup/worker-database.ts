// Runs before each test file, in its jest worker: points the file (and the apps and workers it
// starts, which inherit its environment) at this worker's copy of the run's database and at a
// queue prefix of this worker's own (see global-setup.ts). Each file gets a fresh copy of
// process.env, so this sets the same values for every file of a worker.
const workerId = Number(process.env.JEST_WORKER_ID ?? '1');
const workers = Number(process.env.TEST_WORKER_DATABASES ?? '0');
const adminUrl = process.env.TEST_ADMIN_DATABASE_URL;
const runDatabase = process.env.TEST_DATABASE_NAME;
if (adminUrl && runDatabase && workerId >= 1 && workerId <= workers) {
  const url = new URL(adminUrl);
  url.pathname = `/${runDatabase}_w${workerId}`;
  process.env.DATABASE_URL = url.toString();
  process.env.QUEUE_PREFIX = `${process.env.TEST_RUN_QUEUE_PREFIX ?? 'test'}-w${workerId}`;
  process.env.TEST_DATABASE_NAME = `${runDatabase}_w${workerId}`;
}
