import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@homecare/common';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';
import { DRAIN_TIMEOUT_MS } from './http/http-drain';

/** The drain, then closing the pools; a stop that takes longer than this has hung. */
const SHUTDOWN_TIMEOUT_MS = DRAIN_TIMEOUT_MS + 4000;

async function bootstrap(): Promise<void> {
  // Body parsing is set up in configureApp, with per-route limits.
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bufferLogs: true,
    bodyParser: false,
  });
  configureApp(app);
  // Nest stops on these signals (configureApp: drain, then close); if that hangs, end the process
  // anyway, so that its supervisor starts a fresh one.
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    process.once(signal, () => {
      setTimeout(() => {
        console.error(`shutdown took longer than ${SHUTDOWN_TIMEOUT_MS} ms; exiting`);
        process.exit(1);
      }, SHUTDOWN_TIMEOUT_MS).unref();
    });
  const port = app.get(ConfigService<AppConfig, true>).get('PORT', { infer: true });
  await app.listen(port, '0.0.0.0');
}

bootstrap().catch((error: unknown) => {
  // Configuration errors name the variable; print them plainly and stop.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
