import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

/** An empty variable (as compose files write unset ones) counts as not set. */
const emptyAsUnset = ({ value }: { value: unknown }): unknown => (value === '' ? undefined : value);

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

/**
 * Every environment variable the apps read, validated at start-up. This is the only place that
 * reads `process.env`; the README has the same table for operators.
 */
export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  /** postgres://user:password@host:port/database */
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string;

  /** redis://host:port[/db] */
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Largest JSON body for ordinary requests. */
  @Matches(/^\d+(b|kb|mb)$/i, { message: 'BODY_LIMIT must look like 100kb or 1mb' })
  BODY_LIMIT = '1mb';

  /** Largest scenario document `POST /teams/import` accepts. */
  @Matches(/^\d+(b|kb|mb)$/i, { message: 'IMPORT_BODY_LIMIT must look like 10mb' })
  IMPORT_BODY_LIMIT = '20mb';

  /** Comma-separated origins allowed by CORS; empty means no cross-origin access. */
  @IsOptional()
  @IsString()
  CORS_ORIGINS = '';

  /** Folder of the built web app (`npm run build` writes dist/web), served under /app. */
  @IsString()
  WEB_DIR = 'dist/web';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  DB_POOL_SIZE = 10;

  /**
   * API processes serving the one PORT (Node's cluster): one Node process uses one core, so a
   * machine with more cores runs one per core. 1 is a single process, as before.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  API_PROCESSES = 1;

  /** Jobs one worker process runs at once. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(32)
  WORKER_CONCURRENCY = 1;

  /** A worker's lock on a job lasts this long and is renewed at half of it; a dead worker's job is taken over after it. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600_000)
  WORKER_LOCK_DURATION_MS = 30_000;

  /** How often workers look for jobs whose lock expired (a crashed worker's jobs). */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600_000)
  WORKER_STALLED_INTERVAL_MS = 30_000;

  /**
   * How long the worker waits before it tries an organisation's webhook receiver again after the
   * first failure; each later wait doubles (10 tries in all: 10 s gives up after about 1.4 hours).
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  WEBHOOK_RETRY_DELAY_MS = 10_000;

  /**
   * How often the API and every worker look for roster computations whose BullMQ job Redis lost
   * (a restart without persistence, or its last writes gone), to send them again.
   */
  @Transform(toInt)
  @IsInt()
  @Min(200)
  @Max(3_600_000)
  ROSTER_REPAIR_INTERVAL_MS = 60_000;

  /**
   * A pending roster is looked at once it has gone this long without a heartbeat (a status or
   * progress write), beyond its own time limit: younger ones are still on their way.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(24 * 3_600_000)
  ROSTER_LEASE_MS = 60_000;

  /** Times a roster whose job was lost is sent again before it is marked failed. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(100)
  ROSTER_REPAIR_LIMIT = 3;

  /** Hard deadline for a worker to stop on SIGTERM; a solve still running is aborted and goes back to the queue. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600_000)
  WORKER_SHUTDOWN_TIMEOUT_MS = 25_000;

  /** Operators' queue dashboard at /admin/queues, for administrators only; off (404) unless `true`. */
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' || value === '' ? false : value,
  )
  @IsBoolean()
  OPS_DASHBOARD_ENABLED = false;

  /**
   * Bearer token Prometheus sends to scrape /metrics (API) and the worker's metrics port. Unset:
   * open outside production, and answering 404 in production (no operator figures for strangers).
   */
  @Transform(emptyAsUnset)
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  METRICS_TOKEN?: string;

  /** Port of the worker's Prometheus metrics (job durations, solve quality); 0 serves none. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65_535)
  WORKER_METRICS_PORT = 0;

  /** Prefix of every BullMQ key, so that several deployments can share one Redis. */
  @Matches(/^[a-zA-Z0-9:_-]{1,40}$/, { message: 'QUEUE_PREFIX may hold letters, digits, : _ -' })
  QUEUE_PREFIX = 'homecare';

  /**
   * Key of the HS256 access tokens, at least 32 characters. Required in production; elsewhere a
   * random key per process is used when it is missing (tokens then die with the process).
   */
  @Transform(emptyAsUnset)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  /** `iss` of the access tokens, checked on every request. */
  @IsString()
  @Length(1, 200)
  JWT_ISSUER = 'homecare-roster';

  /** `aud` of the access tokens, checked on every request. */
  @IsString()
  @Length(1, 200)
  JWT_AUDIENCE = 'homecare-roster-api';

  /** Lifetime of an access token (seconds; 15 minutes by default). */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(3600)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  /** Lifetime of a refresh token (seconds; 30 days by default). Each use replaces it with a new one. */
  @Transform(toInt)
  @IsInt()
  @Min(300)
  @Max(90 * 24 * 3600)
  REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

  /** Lifetime of an invitation link (hours; 7 days by default). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(30 * 24)
  INVITATION_TTL_HOURS = 7 * 24;

  /** Sign-in attempts allowed per minute, per IP address and per email address. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  LOGIN_RATE_LIMIT = 10;

  /**
   * Namespace of the sign-in rate counters in Redis, which every API process of a deployment
   * shares; QUEUE_PREFIX when unset (one deployment, one namespace).
   */
  @Transform(emptyAsUnset)
  @IsOptional()
  @Matches(/^[a-zA-Z0-9:_-]{1,60}$/, { message: 'RATE_LIMIT_PREFIX may hold letters, digits, : _ -' })
  RATE_LIMIT_PREFIX?: string;

  /** The administrator created at the first start, when no user exists yet. */
  @Transform(emptyAsUnset)
  @IsOptional()
  @IsEmail({}, { message: 'BOOTSTRAP_ADMIN_EMAIL must be an email address' })
  BOOTSTRAP_ADMIN_EMAIL?: string;

  @Transform(emptyAsUnset)
  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'BOOTSTRAP_ADMIN_PASSWORD must be at least 12 characters' })
  BOOTSTRAP_ADMIN_PASSWORD?: string;

  /**
   * smtp:// or smtps:// URL of the mail server (user and password in it, URL-encoded). Unset, no
   * email is sent (the worker says so once at start); the notification feed works all the same.
   */
  @Transform(emptyAsUnset)
  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** The From of every email: an address, or `Name <address>`. */
  @Matches(/^([^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/, {
    message: 'MAIL_FROM must be an address or "Name <address>"',
  })
  MAIL_FROM = 'Homecare roster <no-reply@localhost>';

  /** Where people open the product: emailed links start with it (the web app lives under /app). */
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'PUBLIC_URL must be an http(s):// URL' })
  PUBLIC_URL = 'http://localhost:3000';

  /**
   * Runs the product as of another instant (ISO 8601 with an offset or Z): the clock starts there
   * and runs on. For tests and demos of other dates; refused in production.
   */
  @Transform(emptyAsUnset)
  @IsOptional()
  @IsISO8601(
    { strict: true },
    { message: 'CLOCK_NOW must be an ISO 8601 instant, e.g. 2027-03-28T01:30:00Z' },
  )
  @Matches(/(Z|[+-]\d\d:?\d\d)$/, { message: 'CLOCK_NOW needs an offset or Z' })
  CLOCK_NOW?: string;

  /** Machine time (epoch ms) at which CLOCK_NOW held, so that several processes share one clock. */
  @Transform(emptyAsUnset)
  @Transform(toInt)
  @IsOptional()
  @IsInt()
  @Min(0)
  CLOCK_NOW_ANCHOR_MS?: number;
}

export type AppConfig = EnvironmentVariables;

/**
 * Signing keys that were ever published (in this repository's compose file or docs) or are plainly
 * placeholders: anyone who read them can sign a token, so production refuses them.
 */
const PUBLISHED_SECRETS = new Set(['homecare-dev-only-signing-key-change-me']);
const PLACEHOLDER = /change[-_ ]?me|dev[-_ ]?only|example|secret|password|changeit|^(.)\1*$/i;

/** Whether a signing key is one anyone could know (see PUBLISHED_SECRETS). */
export function isPublishedSecret(secret: string): boolean {
  return PUBLISHED_SECRETS.has(secret.trim()) || PLACEHOLDER.test(secret) || new Set(secret).size < 8;
}

/** For ConfigModule.forRoot({ validate }): names every missing or malformed variable at once. */
export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  const config = plainToInstance(EnvironmentVariables, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false, whitelist: false });
  const lines = errors.map(
    (error) => `  ${error.property}: ${Object.values(error.constraints ?? {}).join('; ')}`,
  );
  // Tokens signed with a key that changes at every restart would be a silent outage in production;
  // one signed with a published key would let anyone sign an administrator's token.
  if (config.NODE_ENV === 'production' && !config.JWT_SECRET)
    lines.push('  JWT_SECRET: required in production (at least 32 characters)');
  else if (config.NODE_ENV === 'production' && isPublishedSecret(config.JWT_SECRET!))
    lines.push(
      '  JWT_SECRET: a published development key is not allowed in production (generate one, e.g. `openssl rand -base64 48`)',
    );
  // A shifted clock in production would publish, pay and erase on the wrong dates.
  if (config.NODE_ENV === 'production' && config.CLOCK_NOW)
    lines.push('  CLOCK_NOW: not allowed in production (it shifts every date the product works with)');
  // The worker derives the emailed links (invitation, password reset) from the signing key: a random
  // key per process would send links that the API does not know.
  if (config.SMTP_URL && !config.JWT_SECRET)
    lines.push('  JWT_SECRET: required with SMTP_URL (emailed links are derived from it)');
  if (Boolean(config.BOOTSTRAP_ADMIN_EMAIL) !== Boolean(config.BOOTSTRAP_ADMIN_PASSWORD)) {
    lines.push('  BOOTSTRAP_ADMIN_PASSWORD: BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD go together');
  }
  if (lines.length > 0) {
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}
