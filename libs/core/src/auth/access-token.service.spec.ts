import type { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import type { AppConfig } from '@homecare/common';
import { AccessTokenService } from './access-token.service';

const USER = '7c1f7a9e-4b7e-4e43-9a53-0d1f3c9f2b11';

function service(settings: Partial<Record<string, unknown>> = {}): AccessTokenService {
  const values: Record<string, unknown> = {
    JWT_SECRET: 'a-secret-of-sufficient-length-for-tests-only',
    JWT_ISSUER: 'homecare',
    JWT_AUDIENCE: 'homecare-api',
    ACCESS_TOKEN_TTL_SECONDS: 900,
    ...settings,
  };
  const config = { get: (name: string) => values[name] } as unknown as ConfigService<AppConfig, true>;
  return new AccessTokenService(new JwtService(), config);
}

describe('access tokens, verified once per process', () => {
  afterEach(() => jest.useRealTimers());

  it('answers a token it has checked from memory, with the same claims', () => {
    const tokens = service();
    const token = tokens.sign(USER, 'caregiver');
    const jwt = (tokens as unknown as { jwt: JwtService }).jwt;
    const check = jest.spyOn(jwt, 'verify');
    expect(tokens.verify(token)).toEqual({ sub: USER, role: 'caregiver' });
    expect(tokens.verify(token)).toEqual({ sub: USER, role: 'caregiver' });
    expect(check).toHaveBeenCalledTimes(1);
  });

  it('refuses a remembered token from the second it expires', () => {
    jest.useFakeTimers({ now: new Date('2026-11-23T08:00:00Z') });
    const tokens = service({ ACCESS_TOKEN_TTL_SECONDS: 60 });
    const token = tokens.sign(USER, 'family');
    expect(tokens.verify(token).sub).toBe(USER);
    jest.setSystemTime(new Date('2026-11-23T08:00:59.999Z'));
    expect(tokens.verify(token).sub).toBe(USER);
    jest.setSystemTime(new Date('2026-11-23T08:01:00Z'));
    expect(() => tokens.verify(token)).toThrow('The access token is not valid.');
    expect(() => tokens.verify(token)).toThrow('The access token is not valid.');
  });

  it('never lets a changed token pass on the strength of a remembered one', () => {
    const tokens = service();
    const token = tokens.sign(USER, 'caregiver');
    tokens.verify(token);
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'administrator' })).toString('base64url');
    expect(() => tokens.verify(`${header}.${forged}.${signature}`)).toThrow('The access token is not valid.');
    expect(() => tokens.verify(`${token}x`)).toThrow('The access token is not valid.');
    // A token of another key is refused, whatever this process remembers.
    const other = service({ JWT_SECRET: 'another-secret-of-sufficient-length-for-tests' }).sign(
      USER,
      'caregiver',
    );
    expect(() => tokens.verify(other)).toThrow('The access token is not valid.');
  });
});
