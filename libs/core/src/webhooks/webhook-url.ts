// Where an organisation may send its events: https only, to a host on the internet. Outside
// production also plain http to this machine, for a receiver in a test or on a developer's laptop.
import { InvalidInputError } from '@homecare/common';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const MAX_URL_LENGTH = 2000;

/** Literal addresses of this machine and of private networks: never a production receiver. */
function isPrivateHost(host: string): boolean {
  if (LOOPBACK.has(host) || host.endsWith('.localhost') || host === '0.0.0.0') return true;
  const ipv4 = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(host);
  if (ipv4) {
    const [a, b] = [Number(ipv4[1]), Number(ipv4[2])];
    return (
      a === 10 ||
      a === 127 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254)
    );
  }
  return host.startsWith('[') && /^\[(fc|fd|fe80|::)/i.test(host);
}

/** The URL as it will be posted to, or a refusal with `webhook.url-invalid`. */
export function checkWebhookUrl(value: string, production: boolean): string {
  const refuse = (message: string) =>
    new InvalidInputError(
      `The receiver's address ${message}.`,
      [{ path: 'body.url', message }],
      'webhook.url-invalid',
    );
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw refuse('is not a URL');
  }
  if (value.length > MAX_URL_LENGTH) throw refuse(`is longer than ${MAX_URL_LENGTH} characters`);
  if (url.username || url.password)
    throw refuse('must not hold a user name or password (the signature says who sent it)');
  if (url.hash) throw refuse('must not have a #fragment');
  const local = LOOPBACK.has(url.hostname);
  if (url.protocol === 'http:' && local && !production) return url.toString();
  if (url.protocol !== 'https:') throw refuse('must be https');
  if (production && isPrivateHost(url.hostname))
    throw refuse('must be a host on the internet, not a private address');
  return url.toString();
}
