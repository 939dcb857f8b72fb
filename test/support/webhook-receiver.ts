// A real HTTP receiver (node:http on a free loopback port) for tests of webhooks. It does what
// docs/webhooks.md tells an organisation's system to do, written here on its own (not the
// product's code): check the timestamp against its own clock and the Standard Webhooks signature
// with the secret it was given, and it records every request with the outcome of those checks.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { machineTime } from '@homecare/common';

/** The replay window docs/webhooks.md documents. */
export const RECEIVER_WINDOW_SECONDS = 5 * 60;

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  raw: string;
  body: { type: string; timestamp: string; data: Record<string, unknown> };
  /** The signature matched one made with the path's secret. */
  signatureValid: boolean;
  /** The timestamp was within the replay window of this machine's clock. */
  timestampFresh: boolean;
  /** What the receiver answered. */
  status: number;
}

export interface WebhookReceiver {
  /** http://127.0.0.1:<port><path> */
  url: (path: string) => string;
  /** The secret the receiver checks requests to `path` with (from the subscription's creation). */
  trust: (path: string, secret: string) => void;
  /** The statuses to answer to `path`, in turn; 204 after the last (and for paths not given). */
  answer: (path: string, statuses: number[]) => void;
  received: ReceivedWebhook[];
  to: (path: string) => ReceivedWebhook[];
  close: () => Promise<void>;
}

/** `v1,` base64 HMAC-SHA256 of `${id}.${timestamp}.${body}`, keyed with the base64 after `whsec_`. */
export function expectedSignature(secret: string, id: string, timestamp: string, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

function signatureMatches(secret: string | undefined, headers: IncomingHttpHeaders, raw: string): boolean {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (!secret || typeof id !== 'string' || typeof timestamp !== 'string' || typeof signatures !== 'string')
    return false;
  const expected = Buffer.from(expectedSignature(secret, id, timestamp, raw));
  return signatures
    .split(' ')
    .map((signature) => Buffer.from(signature))
    .some((signature) => signature.length === expected.length && timingSafeEqual(signature, expected));
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const secrets = new Map<string, string>();
  const answers = new Map<string, number[]>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const path = request.url ?? '/';
      const timestamp = Number(request.headers['webhook-timestamp']);
      const timestampFresh =
        Number.isInteger(timestamp) &&
        Math.abs(machineTime.nowMs() / 1000 - timestamp) <= RECEIVER_WINDOW_SECONDS;
      const signatureValid = signatureMatches(secrets.get(path), request.headers, raw);
      const status = !signatureValid || !timestampFresh ? 401 : (answers.get(path)?.shift() ?? 204);
      let body: ReceivedWebhook['body'];
      try {
        body = JSON.parse(raw) as ReceivedWebhook['body'];
      } catch {
        body = { type: '', timestamp: '', data: {} };
      }
      received.push({ path, headers: request.headers, raw, body, signatureValid, timestampFresh, status });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    trust: (path, secret) => secrets.set(path, secret),
    answer: (path, statuses) => answers.set(path, [...statuses]),
    received,
    to: (path) => received.filter((request) => request.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
