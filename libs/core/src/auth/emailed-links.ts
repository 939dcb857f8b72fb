import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@homecare/common';
import { linkToken, newOpaqueToken } from './opaque-token';

/**
 * The tokens of links that are emailed (invitations, password resets). With email on, a token is
 * derived from the record's id and the signing key (configuration requires JWT_SECRET with
 * SMTP_URL), so the worker rebuilds it at send time; with email off it is plain random.
 */
@Injectable()
export class EmailedLinks {
  /** Whether email is on (SMTP_URL set): emailed records get a job. */
  readonly emailOn: boolean;
  private readonly secret: string | undefined;
  readonly publicUrl: string;

  constructor(config: ConfigService<AppConfig, true>) {
    this.secret = config.get('JWT_SECRET', { infer: true });
    this.emailOn = Boolean(config.get('SMTP_URL', { infer: true })) && Boolean(this.secret);
    this.publicUrl = config.get('PUBLIC_URL', { infer: true }).replace(/\/+$/, '');
  }

  /** The token for a new record with this id. */
  tokenFor(purpose: 'invitation' | 'password-reset', id: string): string {
    return this.secret ? linkToken(this.secret, purpose, id) : newOpaqueToken();
  }

  /** The address a person opens: the web app's page for the token. */
  url(purpose: 'invitation' | 'password-reset', id: string): string {
    const page = purpose === 'invitation' ? 'invitations' : 'password-reset';
    return `${this.publicUrl}/app/${page}/${encodeURIComponent(this.tokenFor(purpose, id))}`;
  }
}
