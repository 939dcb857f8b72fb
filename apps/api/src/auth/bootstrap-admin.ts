import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@homecare/common';
import { AuthService } from '@homecare/core/auth';

/** At API start: the first administrator, from BOOTSTRAP_ADMIN_EMAIL/PASSWORD, when no user exists yet. */
@Injectable()
export class BootstrapAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger('BootstrapAdmin');

  constructor(
    private readonly auth: AuthService,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const email = this.config.get('BOOTSTRAP_ADMIN_EMAIL', { infer: true });
    const password = this.config.get('BOOTSTRAP_ADMIN_PASSWORD', { infer: true });
    if (!email || !password) return;
    if (await this.auth.ensureBootstrapAdmin(email, password))
      this.logger.log('Created the bootstrap administrator.');
  }
}
