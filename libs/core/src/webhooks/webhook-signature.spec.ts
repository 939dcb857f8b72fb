import { newWebhookSecret, REPLAY_WINDOW_SECONDS, signWebhook, verifyWebhook } from './webhook-signature';
import { checkWebhookUrl } from './webhook-url';

describe('webhook signatures', () => {
  // The example of the Standard Webhooks specification (and of its libraries' tests): a receiver
  // using one of those libraries accepts what we sign.
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
  const timestamp = 1614265330;
  const body = '{"test": 2432232314}';

  it('match the Standard Webhooks example', () => {
    expect(signWebhook(secret, id, timestamp, body)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('verify within the replay window only, and only for the same id, timestamp and body', () => {
    const signature = signWebhook(secret, id, timestamp, body);
    const headers = { id, timestamp: String(timestamp), signature };
    expect(verifyWebhook(secret, headers, body, timestamp + REPLAY_WINDOW_SECONDS)).toBe(true);
    expect(verifyWebhook(secret, headers, body, timestamp - REPLAY_WINDOW_SECONDS)).toBe(true);
    expect(verifyWebhook(secret, headers, body, timestamp + REPLAY_WINDOW_SECONDS + 1)).toBe(false);
    expect(verifyWebhook(secret, headers, `${body} `, timestamp)).toBe(false);
    expect(verifyWebhook(secret, { ...headers, id: 'msg_other' }, body, timestamp)).toBe(false);
    expect(verifyWebhook(secret, { ...headers, timestamp: String(timestamp + 1) }, body, timestamp)).toBe(
      false,
    );
    expect(verifyWebhook(newWebhookSecret(), headers, body, timestamp)).toBe(false);
    // Several signatures (a receiver in the middle of a rotation): one match is enough.
    expect(
      verifyWebhook(secret, { ...headers, signature: `v1,bm9wZQ== ${signature}` }, body, timestamp),
    ).toBe(true);
  });

  it('are keyed with 32 random bytes per secret', () => {
    const one = newWebhookSecret();
    expect(one).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(one.slice(6), 'base64')).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(one);
  });
});

describe('webhook addresses', () => {
  const code = (url: string, production: boolean) => {
    try {
      checkWebhookUrl(url, production);
      return 'ok';
    } catch (error) {
      return (error as { code?: string }).code ?? (error as Error).message;
    }
  };

  it('are https, or http to this machine outside production', () => {
    expect(code('https://ecd.example.org/hooks', true)).toBe('ok');
    expect(code('http://127.0.0.1:8080/hooks', false)).toBe('ok');
    expect(code('http://localhost:8080/hooks', false)).toBe('ok');
    expect(code('http://127.0.0.1:8080/hooks', true)).toBe('webhook.url-invalid');
    expect(code('http://ecd.example.org/hooks', false)).toBe('webhook.url-invalid');
  });

  it('never name a private address in production, credentials or a fragment', () => {
    for (const url of [
      'https://10.0.0.5/hooks',
      'https://192.168.1.1/hooks',
      'https://172.20.0.1/hooks',
      'https://169.254.169.254/latest',
      'https://localhost/hooks',
      'https://[::1]/hooks',
    ])
      expect(code(url, true)).toBe('webhook.url-invalid');
    expect(code('https://user:secret@ecd.example.org/', false)).toBe('webhook.url-invalid');
    expect(code('https://ecd.example.org/#x', false)).toBe('webhook.url-invalid');
    expect(code('not a url', false)).toBe('webhook.url-invalid');
  });
});
