import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '@homecare/common';
import { createTransport, type Transporter } from 'nodemailer';
import type { RenderedEmail } from './email-templates';

/** A delivery the mail server refused for good (bad address): retrying would not help. */
export class PermanentMailError extends Error {}

/**
 * SMTP delivery through nodemailer, from SMTP_URL. Without SMTP_URL email is off: said once at
 * start, not an error, and the jobs that would send are never written (see EmailedLinks and the
 * notification preferences). Logs never hold an address or any content.
 */
@Injectable()
export class MailTransport implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MailTransport.name);
  private readonly url: string | undefined;
  readonly from: string;
  private transport: Transporter | undefined;

  constructor(config: ConfigService<AppConfig, true>) {
    this.url = config.get('SMTP_URL', { infer: true });
    this.from = config.get('MAIL_FROM', { infer: true });
  }

  get enabled(): boolean {
    return Boolean(this.url);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.url) {
      this.logger.log('email is off: SMTP_URL is not set (the notification feed works without it)');
      return;
    }
    try {
      await this.connect().verify();
      this.logger.log(`email is on, through ${new URL(this.url).hostname}`);
    } catch (error) {
      this.logger.error(`email is on, but ${(error as Error).message}`);
    }
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }

  async send(to: string, email: RenderedEmail): Promise<string> {
    const transport = this.connect();
    try {
      const { messageId } = await transport.sendMail({ from: this.from, to, ...email });
      return messageId;
    } catch (error) {
      // 5xx answers to the recipient are final; anything else (4xx, connection) is tried again.
      const code = (error as { responseCode?: number }).responseCode;
      if (code !== undefined && code >= 500 && code < 600)
        throw new PermanentMailError(`the mail server refused the message (${code})`);
      // Only codes: a server's message may quote the address.
      const reason = code ?? (error as { code?: string }).code ?? 'no answer';
      // eslint-disable-next-line preserve-caught-error -- the cause may quote the address: codes only
      throw new Error(`the mail server did not take the message (${reason})`);
    }
  }

  /** One pooled connection per process, opened on first use. */
  private connect(): Transporter {
    if (!this.url) throw new Error('email is off (SMTP_URL is not set)');
    this.transport ??= createTransport(this.url);
    return this.transport;
  }
}
