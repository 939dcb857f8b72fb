import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Client, type Notification } from 'pg';
import { type AppConfig, machineTime } from '@homecare/common';
import type { UserRole } from '@homecare/database';

/** What authenticating a request needs of an account that may sign in. */
export interface ActiveAccount {
  id: string;
  role: UserRole;
  organisationId: string | null;
}

/** The channel the database's triggers on user_account speak on (migration AccountChangeNotify). */
export const ACCOUNT_CHANGED_CHANNEL = 'user_account_changed';
/** A safety net only: changes arrive as notifications within milliseconds. */
const ENTRY_TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;
const RECONNECT_MIN_MS = 1000;
const RECONNECT_MAX_MS = 30_000;

/**
 * Active accounts by id, so that a signed-in request does not read its account again: every
 * request of an API under load would otherwise spend a database round trip on it.
 *
 * Correct only while it hears the database: the triggers on user_account send the id of every
 * account whose role, organisation or disabled state changes (or that is deleted), whoever
 * changed it, and this process forgets it. While the listening connection is down nothing is
 * kept (every request reads its account, as without a cache) and it reconnects with back-off;
 * a lookup that started before a change was heard is not kept either (`generation`).
 */
@Injectable()
export class AccountCache implements OnApplicationShutdown {
  private readonly logger = new Logger('AccountCache');
  private readonly entries = new Map<string, { account: ActiveAccount; expiresAt: number }>();
  /** Bumped on every change heard and every loss of the connection. */
  private generation = 0;
  private listener: Client | undefined;
  private listening = false;
  private connecting = false;
  private closed = false;
  private reconnectDelay = RECONNECT_MIN_MS;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(private readonly config: ConfigService<AppConfig, true>) {}

  /** Whether it hears account changes now (and so keeps accounts). */
  isListening(): boolean {
    return this.listening;
  }

  /** The account from memory, or from `load` (kept when nothing changed meanwhile). */
  async get(
    id: string,
    load: (id: string) => Promise<ActiveAccount | undefined>,
  ): Promise<ActiveAccount | undefined> {
    if (!this.listening) {
      this.listen();
      return load(id);
    }
    const entry = this.entries.get(id);
    if (entry && entry.expiresAt > machineTime.nowMs()) return entry.account;
    const generation = this.generation;
    const account = await load(id);
    if (account && this.listening && generation === this.generation) {
      this.entries.delete(id);
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(id, { account, expiresAt: machineTime.nowMs() + ENTRY_TTL_MS });
    } else if (!account) this.entries.delete(id);
    return account;
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    this.stopListening();
  }

  private listen(): void {
    // One attempt at a time, and none before the back-off of the last failure has passed.
    if (this.connecting || this.listener || this.reconnectTimer || this.closed) return;
    this.connecting = true;
    const client = new Client({
      connectionString: this.config.get('DATABASE_URL', { infer: true }),
      application_name: `account-cache:${process.pid}`,
      connectionTimeoutMillis: 5000,
      // Notice a database that went away (a half-open connection would never say so).
      keepAlive: true,
    });
    this.listener = client;
    client.on('notification', (message: Notification) => this.heard(message.payload));
    client.on('error', (error) => this.lost(client, error.message));
    client.on('end', () => this.lost(client, 'the connection ended'));
    client
      .connect()
      .then(() => client.query(`LISTEN ${ACCOUNT_CHANGED_CHANNEL}`))
      .then(() => {
        this.connecting = false;
        if (this.listener !== client) return;
        this.entries.clear();
        this.generation += 1;
        this.listening = true;
        this.reconnectDelay = RECONNECT_MIN_MS;
      })
      .catch((error: Error) => this.lost(client, error.message));
  }

  private heard(payload: string | undefined): void {
    this.generation += 1;
    if (!payload || payload === '*') this.entries.clear();
    else this.entries.delete(payload);
  }

  /** Nothing is kept without the connection; it is tried again later. */
  private lost(client: Client, reason: string): void {
    if (this.listener !== client) return;
    this.stopListening();
    if (this.closed) return;
    this.logger.warn(
      `not hearing account changes (${reason}); accounts are read on every request until it reconnects`,
    );
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(this.reconnectDelay * 2, RECONNECT_MAX_MS);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.listen();
    }, delay);
    this.reconnectTimer.unref();
  }

  private stopListening(): void {
    const client = this.listener;
    this.listener = undefined;
    this.listening = false;
    this.connecting = false;
    this.generation += 1;
    this.entries.clear();
    client?.removeAllListeners('notification');
    client?.end().catch(() => undefined);
  }
}
