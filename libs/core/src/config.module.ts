import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { validateEnvironment } from '@homecare/common';

/** Typed, validated configuration for both apps: a bad variable stops start-up with its name. */
@Global()
@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, cache: true, validate: validateEnvironment, ignoreEnvFile: true }),
  ],
})
export class AppConfigModule {}
