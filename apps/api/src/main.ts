import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@homecare/common';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';

async function bootstrap(): Promise<void> {
  // Body parsing is set up in configureApp, with per-route limits.
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bufferLogs: true,
    bodyParser: false,
  });
  configureApp(app);
  const port = app.get(ConfigService<AppConfig, true>).get('PORT', { infer: true });
  await app.listen(port, '0.0.0.0');
}

bootstrap().catch((error: unknown) => {
  // Configuration errors name the variable; print them plainly and stop.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
