// The system under fault: private Postgres and Redis (scripts/services.mjs, name 'faults'), a fresh
// database, the built API and workers as child processes, and what the suite needs to look inside
// (a Postgres pool, the roster queue, a count of completed jobs).
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import { Client, Pool } from 'pg';
import { createDataSource } from '@homecare/database';
import { redisConnectionFromUrl, ROSTER_QUEUE } from '@homecare/jobs';
import {
  ensureServices,
  freePort,
  portOpen,
  serviceControl,
  stopServices,
  type ServiceControl,
} from '../../scripts/services.mjs';
import {
  API_MAIN,
  ensureBuilt,
  REPO_ROOT,
  startChild,
  waitFor,
  WORKER_MAIN,
  workerStarted,
  type ChildApp,
} from '../support/processes';
import { ApiClient, badServerError, type Outcome } from './http';
import type { Fault } from './ledger';

const SERVICES = 'faults';
const ADMIN_EMAIL = 'faults-admin@homecare.test';
const ADMIN_PASSWORD = randomBytes(12).toString('hex');

/** How long the API may take to answer /health with 200 after a start or a fault. */
export const HEALTHY_WITHIN_MS = 30_000;

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class Stack {
  /** Workers alive now; a fault removes the ones it kills. */
  readonly workers = new Set<ChildApp>();
  /** Every process started, for the logs written at the end. */
  private readonly started: { label: string; app: ChildApp }[] = [];
  /** Completed events per job id, from the queue's own event stream: a job finishes once. */
  readonly completions = new Map<string, number>();
  /** The fault being run: answers that break the rules of every fault are charged to it. */
  fault: Fault | undefined;
  api!: ChildApp;
  admin!: ApiClient;

  private constructor(
    readonly env: Record<string, string>,
    readonly baseUrl: string,
    readonly db: Pool,
    readonly queue: Queue,
    private readonly events: QueueEvents,
    readonly control: ServiceControl,
    private readonly cleanUp: () => Promise<void>,
  ) {
    events.on('completed', ({ jobId }) =>
      this.completions.set(jobId, (this.completions.get(jobId) ?? 0) + 1),
    );
    // Redis restarts are part of the suite; these connections reconnect by themselves.
    events.on('error', () => undefined);
    queue.on('error', () => undefined);
    db.on('error', () => undefined);
  }

  static async start(): Promise<Stack> {
    const startedServices = !process.env.DATABASE_URL || !process.env.REDIS_URL;
    const { databaseUrl, redisUrl } = await ensureServices({ name: SERVICES });
    ensureBuilt();
    const runId = randomBytes(4).toString('hex');
    const database = `homecare_faults_${runId}`;
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

    const port = await freePort();
    const prefix = `faults-${runId}`;
    const env: Record<string, string> = {
      NODE_ENV: 'production',
      DATABASE_URL: url.toString(),
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      PORT: String(port),
      JWT_SECRET: randomBytes(32).toString('hex'),
      ACCESS_TOKEN_TTL_SECONDS: '3600',
      BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
      // Members sign in by accepting invitations; the suite is one client address.
      LOGIN_RATE_LIMIT: '1000',
      // A killed worker's job is taken over within seconds, and a stopping one gives up in time.
      WORKER_LOCK_DURATION_MS: '4000',
      WORKER_STALLED_INTERVAL_MS: '2000',
      WORKER_SHUTDOWN_TIMEOUT_MS: '5000',
      // Jobs Redis lost are sent again within seconds (the lost-jobs fault).
      ROSTER_REPAIR_INTERVAL_MS: '1000',
      ROSTER_LEASE_MS: '2000',
      LOG_LEVEL: 'info',
    };
    const connection = redisConnectionFromUrl(redisUrl);
    const queue = new Queue(ROSTER_QUEUE, { connection, prefix });
    const events = new QueueEvents(ROSTER_QUEUE, {
      connection: { ...connection, maxRetriesPerRequest: null },
      prefix,
    });
    await events.waitUntilReady();
    const db = new Pool({ connectionString: url.toString(), max: 4 });
    const control = serviceControl(SERVICES, { databaseUrl, redisUrl });
    const cleanUp = async (): Promise<void> => {
      const dropper = new Client({ connectionString: databaseUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await dropper.end();
      // Like scripts/test.mjs: servers started here stop here, unless KEEP_SERVICES is set.
      if (startedServices && !process.env.KEEP_SERVICES) await stopServices({ name: SERVICES });
    };
    const stack = new Stack(env, `http://127.0.0.1:${port}`, db, queue, events, control, cleanUp);
    await stack.startApi();
    const signIn = await stack.admin.expect<{ accessToken: string }>('POST', '/auth/login', 200, {
      body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
    });
    stack.admin.token = signIn.accessToken;
    return stack;
  }

  /** A client of the API that charges every bad 5xx (not problem+json, or with a stack) to the fault under way. */
  client(token = ''): ApiClient {
    return new ApiClient(this.baseUrl, token, (method, url, outcome: Outcome) => {
      const bad = badServerError(outcome);
      if (bad) this.fault?.check(false, `${method} ${url}: ${bad}`);
    });
  }

  /** Starts the API (again) on its port and waits until it is healthy. */
  async startApi(): Promise<ChildApp> {
    // Warnings and errors only: the API answers thousands of requests here.
    this.api = this.track('api', startChild(API_MAIN, { ...this.env, LOG_LEVEL: 'warn' }));
    this.admin = this.client(this.admin?.token ?? '');
    const api = this.api;
    await waitFor(
      'the API to answer /health with 200',
      async () => {
        if (api.child.exitCode !== null) throw new Error(`the API exited at start:\n${api.output()}`);
        return this.healthy();
      },
      HEALTHY_WITHIN_MS,
      200,
    );
    return api;
  }

  /** Whether the API answers /health with 200 within HEALTHY_WITHIN_MS, by itself (nobody restarts it). */
  recovered(): Promise<boolean> {
    return waitFor('the API to be healthy', () => this.healthy(), HEALTHY_WITHIN_MS, 250).then(
      () => true,
      () => false,
    );
  }

  async healthy(): Promise<boolean> {
    const outcome = await this.admin.get('/health', { timeoutMs: 5000 });
    return outcome.kind === 'answered' && outcome.status === 200;
  }

  /** A worker process; it is in `workers` until stopped or killed. */
  startWorker(): ChildApp {
    const worker = this.track('worker', startChild(WORKER_MAIN, this.env));
    this.workers.add(worker);
    void worker.exited.then(() => this.workers.delete(worker));
    return worker;
  }

  /** Starts workers until `count` are alive, and waits until they take jobs. */
  async ensureWorkers(count: number): Promise<void> {
    while (this.workers.size < count) this.startWorker();
    await Promise.all([...this.workers].map((worker) => workerStarted(worker, 60_000)));
  }

  /** The name a worker stores on the jobs it takes (apps/worker: host and pid). */
  workerName(worker: ChildApp): string {
    return `${hostname()}:${worker.child.pid}`;
  }

  /** The live worker that holds the job now, if any. */
  async holderOf(jobId: string): Promise<ChildApp | undefined> {
    const job = await this.queue.getJob(jobId);
    if (!job?.processedBy) return undefined;
    return [...this.workers].find((worker) => this.workerName(worker) === job.processedBy);
  }

  /** Sends the signal and waits for the exit; a process still running after `timeoutMs` is killed. */
  async stopWithin(
    app: ChildApp,
    signal: NodeJS.Signals,
    timeoutMs: number,
  ): Promise<{ exited: boolean; code: number | null }> {
    const timer = sleep(timeoutMs).then(() => 'timeout' as const);
    const result = await Promise.race([app.stop(signal), timer]);
    if (result !== 'timeout') return { exited: true, code: result };
    await app.stop('SIGKILL');
    return { exited: false, code: null };
  }

  /** Postgres and Redis up again, whatever a fault that failed half-way left behind. */
  async restoreServices(): Promise<void> {
    if (this.control.redis && !(await portOpen(Number(new URL(this.env.REDIS_URL).port))))
      await this.control.redis.start();
    if (this.control.postgres && !(await portOpen(Number(new URL(this.env.DATABASE_URL).port))))
      await this.control.postgres.start();
  }

  /** Every process's output, for reading after a run (.artifacts/faults-logs). */
  writeLogs(directory: string): void {
    mkdirSync(directory, { recursive: true });
    this.started.forEach(({ label, app }, index) =>
      writeFileSync(
        path.join(directory, `${String(index).padStart(2, '0')}-${label}-${app.child.pid}.log`),
        app.output(),
      ),
    );
  }

  async close(): Promise<void> {
    await this.restoreServices();
    await Promise.all(this.started.map(({ app }) => app.stop('SIGTERM')));
    await Promise.allSettled([this.queue.close(), this.events.close(), this.db.end()]);
    await this.cleanUp();
  }

  private track(label: string, app: ChildApp): ChildApp {
    this.started.push({ label, app });
    return app;
  }
}

export const LOG_DIRECTORY = path.join(REPO_ROOT, '.artifacts', 'faults-logs');
