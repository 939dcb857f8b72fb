import cluster, { type Worker } from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigService } from '@nestjs/config';
import { type AppConfig, validateEnvironment } from '@homecare/common';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';
import { DRAIN_TIMEOUT_MS } from './http/http-drain';

/** The drain, then closing the pools; a stop that takes longer than this has hung. */
const SHUTDOWN_TIMEOUT_MS = DRAIN_TIMEOUT_MS + 4000;
/** A process of a cluster that ends is replaced after this pause (no hot crash loop)... */
const RESTART_DELAY_MS = 1000;
/** ...doubled up to this while each replacement ends before it serves. */
const MAX_RESTART_DELAY_MS = 30_000;

async function bootstrap(shutdownSignals?: NodeJS.Signals[]): Promise<void> {
  // Body parsing is set up in configureApp, with per-route limits.
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bufferLogs: true,
    bodyParser: false,
  });
  configureApp(app, { shutdownSignals });
  // Nest stops on these signals (configureApp: drain, then close); if that hangs, end the process
  // anyway, so that its supervisor starts a fresh one.
  for (const signal of shutdownSignals ?? (['SIGTERM', 'SIGINT'] as const))
    process.once(signal, () => {
      setTimeout(() => {
        console.error(`shutdown took longer than ${SHUTDOWN_TIMEOUT_MS} ms; exiting`);
        process.exit(1);
      }, SHUTDOWN_TIMEOUT_MS).unref();
    });
  const port = app.get(ConfigService<AppConfig, true>).get('PORT', { infer: true });
  await app.listen(port, '0.0.0.0');
}

/**
 * API_PROCESSES > 1: this process only forks the API processes, which share PORT (the cluster's
 * primary hands each new connection to the next one), replaces one that ends, and passes a stop
 * on to all of them (each drains its own requests) before it ends itself.
 */
function superviseCluster(count: number): void {
  let stopping = false;
  /** Whether any process has served yet: until then an ending one means the cluster cannot start. */
  let served = false;
  /** The pause before a replacement; doubled while replacements end before they serve (a crash loop). */
  let restartDelay = RESTART_DELAY_MS;
  const listening = new Set<number>();
  // One token key for all processes: a token one process signed must pass in the others.
  const env = process.env.JWT_SECRET ? {} : { JWT_SECRET: randomBytes(48).toString('base64url') };
  if (!process.env.JWT_SECRET)
    console.warn(
      'JWT_SECRET is not set: using a random key for this cluster; tokens stop working at restart.',
    );
  const start = () =>
    cluster.fork(env).once('listening', function (this: Worker) {
      served = true;
      restartDelay = RESTART_DELAY_MS;
      listening.add(this.id);
      console.log(`API process ${this.process.pid} serving`);
    });
  for (let index = 0; index < count; index++) start();
  cluster.on('exit', (worker, code, signal) => {
    const how = signal ?? `exit ${code}`;
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(process.exitCode ?? 0);
      return;
    }
    if (!served) {
      // None has served: the same cause (configuration, a database that refuses us) would end the
      // next one too. End it all, as a single process would, and let the supervisor decide.
      console.error(`an API process ended before any served (${how}); stopping`);
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGTERM');
      process.exitCode = 1;
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(1);
      return;
    }
    const delay = restartDelay;
    if (!listening.has(worker.id)) restartDelay = Math.min(restartDelay * 2, MAX_RESTART_DELAY_MS);
    console.error(`API process ${worker.process.pid} ended (${how}); starting another in ${delay} ms`);
    setTimeout(() => {
      if (!stopping) start();
    }, delay);
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    process.once(signal, () => {
      stopping = true;
      // SIGTERM to each: a terminal's Ctrl-C also reaches them, and they leave SIGINT to us.
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      setTimeout(() => process.exit(1), SHUTDOWN_TIMEOUT_MS + 1000).unref();
    });
}

async function main(): Promise<void> {
  if (cluster.isPrimary) {
    // Validated here too, so that a configuration error is said once, before anything is forked.
    const processes = validateEnvironment(process.env).API_PROCESSES;
    if (processes > 1) return superviseCluster(processes);
    return bootstrap();
  }
  // A process of the cluster: stopped by the primary's SIGTERM; a terminal's SIGINT is the primary's.
  process.on('SIGINT', () => undefined);
  return bootstrap(['SIGTERM']);
}

main().catch((error: unknown) => {
  // Configuration errors name the variable; print them plainly and stop.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
