import cluster from 'node:cluster';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigService } from '@nestjs/config';
import { type AppConfig, validateEnvironment } from '@homecare/common';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';
import { DRAIN_TIMEOUT_MS } from './http/http-drain';

/** The drain, then closing the pools; a stop that takes longer than this has hung. */
const SHUTDOWN_TIMEOUT_MS = DRAIN_TIMEOUT_MS + 4000;
/** A process of a cluster that ends on its own is replaced after this pause (no hot crash loop). */
const RESTART_DELAY_MS = 1000;

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
 * primary hands each new connection to the next one), replaces one that ends on its own, and
 * passes a stop on to all of them (each drains its own requests) before it ends itself.
 */
function superviseCluster(count: number): void {
  let stopping = false;
  const listening = new Set<number>();
  const start = () =>
    cluster.fork().once('listening', function (this: { id: number }) {
      listening.add(this.id);
    });
  for (let index = 0; index < count; index++) start();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    if (!listening.has(worker.id)) {
      // It never served: the same cause (configuration, a database that refuses us) would end the
      // next one too. End it all, as a single process would, and let the supervisor decide.
      console.error(`an API process ended before it served (${signal ?? `exit ${code}`}); stopping`);
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGTERM');
      process.exitCode = 1;
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(1);
      return;
    }
    console.error(`API process ${worker.process.pid} ended (${signal ?? `exit ${code}`}); starting another`);
    setTimeout(() => {
      if (!stopping) start();
    }, RESTART_DELAY_MS);
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    process.once(signal, () => {
      stopping = true;
      // SIGTERM to each: a terminal's Ctrl-C also reaches them, and they leave SIGINT to us.
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
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
