// The fault suite's HTTP client: every call ends in an outcome, never an exception, because under
// a fault a lost connection is an answer to judge, not a crash of the suite.
import { request as httpRequest } from 'node:http';

/** What became of one request. */
export type Outcome =
  | {
      kind: 'answered';
      status: number;
      contentType: string;
      etag: string | null;
      body: unknown;
      text: string;
    }
  /** No connection was made: the request never reached the API. */
  | { kind: 'refused'; message: string }
  /** The connection closed before any answer: the API may or may not have acted. */
  | { kind: 'dropped'; message: string }
  /** The status line arrived but the body was cut off: a reset mid-response. */
  | { kind: 'cut'; status: number; message: string }
  /** No answer within the client's deadline. */
  | { kind: 'timeout'; message: string };

export type Answered = Extract<Outcome, { kind: 'answered' }>;

export interface CallOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** A bearer token other than the client's own. */
  token?: string;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

export class ApiClient {
  constructor(
    private readonly baseUrl: string,
    public token = '',
    /** Sees every outcome (the suite looks at every 5xx for a stack trace). */
    private readonly observe: (method: string, path: string, outcome: Outcome) => void = () => undefined,
  ) {}

  /** The same API as someone else. */
  as(token: string): ApiClient {
    return new ApiClient(this.baseUrl, token, this.observe);
  }

  async call(method: string, path: string, options: CallOptions = {}): Promise<Outcome> {
    const outcome = await this.send(method, path, options);
    this.observe(method, path, outcome);
    return outcome;
  }

  get(path: string, options?: CallOptions): Promise<Outcome> {
    return this.call('GET', path, options);
  }

  post(path: string, body?: unknown, options?: CallOptions): Promise<Outcome> {
    return this.call('POST', path, { ...options, body });
  }

  put(path: string, body?: unknown, options?: CallOptions): Promise<Outcome> {
    return this.call('PUT', path, { ...options, body });
  }

  /**
   * A POST sent with `Expect: 100-continue`: `reading` resolves when the API has read the request
   * line and headers and asked for the body (Node answers 100 Continue then), so from that moment
   * the request is surely in flight in the API, whatever the machine's load.
   */
  postInFlight(path: string, body: unknown): { reading: Promise<void>; outcome: Promise<Outcome> } {
    const payload = Buffer.from(JSON.stringify(body));
    let reading!: () => void;
    const readingPromise = new Promise<void>((resolve) => (reading = resolve));
    const outcome = new Promise<Outcome>((resolve) => {
      const request = httpRequest(`${this.baseUrl}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': payload.length,
          expect: '100-continue',
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        agent: false,
      });
      request.setTimeout(DEFAULT_TIMEOUT_MS, () =>
        request.destroy(Object.assign(new Error('timeout'), { name: 'TimeoutError' })),
      );
      request.on('continue', () => {
        reading();
        request.end(payload);
      });
      request.on('response', (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('error', (error) =>
          resolve({ kind: 'cut', status: response.statusCode ?? 0, message: error.message }),
        );
        response.on('end', () => {
          const contentType = response.headers['content-type'] ?? '';
          resolve({
            kind: 'answered',
            status: response.statusCode ?? 0,
            contentType,
            etag: response.headers.etag ?? null,
            body: parsed(contentType, text),
            text,
          });
        });
      });
      request.on('error', (error) =>
        resolve(failure(Object.assign(new Error('request failed'), { cause: error, name: error.name }))),
      );
    }).then((result) => {
      reading();
      this.observe('POST', path, result);
      return result;
    });
    return { reading: readingPromise, outcome };
  }

  /** For set-up steps that must work: the parsed body of a 2xx, or an error naming what came back. */
  async expect<T>(method: string, path: string, status: number, options: CallOptions = {}): Promise<T> {
    const outcome = await this.call(method, path, options);
    if (outcome.kind !== 'answered' || outcome.status !== status)
      throw new Error(`${method} ${path}: expected ${status}, got ${describe(outcome)}`);
    return outcome.body as T;
  }

  private async send(method: string, path: string, options: CallOptions): Promise<Outcome> {
    const token = options.token ?? this.token;
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...options.headers,
        },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
    } catch (error) {
      return failure(error);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      const failed = failure(error);
      return failed.kind === 'timeout'
        ? failed
        : { kind: 'cut', status: response.status, message: failed.message };
    }
    const contentType = response.headers.get('content-type') ?? '';
    return {
      kind: 'answered',
      status: response.status,
      contentType,
      etag: response.headers.get('etag'),
      body: parsed(contentType, text),
      text,
    };
  }
}

/** A JSON body parsed; anything else (or JSON that does not parse) as the text it is. */
function parsed(contentType: string, text: string): unknown {
  if (!contentType.includes('json') || !text) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** fetch wraps the socket's error in `cause`; ECONNREFUSED means the request was never sent. */
function failure(error: unknown): Exclude<Outcome, Answered | { kind: 'cut' }> {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const name = (error as Error).name;
  const message = [cause?.code, cause?.message ?? (error as Error).message].filter(Boolean).join(' ');
  if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'timeout', message };
  if (cause?.code === 'ECONNREFUSED') return { kind: 'refused', message };
  return { kind: 'dropped', message };
}

export const isAnswered = (outcome: Outcome): outcome is Answered => outcome.kind === 'answered';
export const succeeded = (outcome: Outcome): outcome is Answered =>
  outcome.kind === 'answered' && outcome.status >= 200 && outcome.status < 300;

/** One line for a report: the status and the problem's detail, or what happened to the connection. */
export function describe(outcome: Outcome): string {
  switch (outcome.kind) {
    case 'answered': {
      const detail = (outcome.body as { detail?: unknown } | null)?.detail;
      return `${outcome.status}${typeof detail === 'string' ? ` (${detail})` : ''}`;
    }
    case 'cut':
      return `${outcome.status}, body cut off: ${outcome.message}`;
    default:
      return `${outcome.kind}: ${outcome.message}`;
  }
}

/**
 * A 5xx must still be problem+json and must never carry a stack trace: returns what is wrong with
 * it, or undefined when it is a proper refusal.
 */
export function badServerError(outcome: Outcome): string | undefined {
  if (outcome.kind !== 'answered' || outcome.status < 500) return undefined;
  if (!outcome.contentType.startsWith('application/problem+json'))
    return `a ${outcome.status} that is not problem+json (${outcome.contentType || 'no content type'})`;
  if (/\bstack\b|\n\s+at .+\(.*:\d+:\d+\)/.test(outcome.text))
    return `a ${outcome.status} with a stack trace: ${outcome.text.slice(0, 300)}`;
  return undefined;
}
