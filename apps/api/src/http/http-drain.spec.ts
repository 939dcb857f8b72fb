import { Logger } from '@nestjs/common';
import type { HttpAdapterHost } from '@nestjs/core';
import { Agent, createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpDrain } from './http-drain';

interface Answer {
  status?: number;
  body: string;
  connection?: string;
}

describe('HttpDrain', () => {
  let server: Server;
  let drain: HttpDrain;
  let port: number;
  // Keep-alive, as browsers and HTTP clients do: an idle connection stays open between requests.
  const agent = new Agent({ keepAlive: true });
  const request = (path: string): Promise<Answer> =>
    new Promise((resolve, reject) => {
      get({ port, path, agent }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () =>
          resolve({ status: response.statusCode, body, connection: response.headers.connection }),
        );
      }).on('error', reject);
    });

  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(async () => {
    server = createServer();
    drain = new HttpDrain({ httpAdapter: { getHttpServer: () => server } } as unknown as HttpAdapterHost);
    server.on('request', (incoming, response) =>
      drain.track(incoming, response, () => {
        const delay = incoming.url === '/slow' ? 300 : 0;
        setTimeout(() => response.end(`answer to ${incoming.url}`), delay);
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => agent.destroy());

  it('finishes the request in flight, then stops, although a keep-alive connection is open', async () => {
    // An idle keep-alive connection: Node's own close() would wait for it.
    expect(await request('/quick')).toMatchObject({ status: 200, connection: 'keep-alive' });
    const slow = request('/slow');
    await new Promise((resolve) => setTimeout(resolve, 50));

    // Resolves once everything is closed (well before the drain deadline, or the test times out).
    await Promise.all([drain.beforeApplicationShutdown(), slow]);

    expect(await slow).toEqual({ status: 200, body: 'answer to /slow', connection: 'close' });
    expect(server.listening).toBe(false);
    await expect(request('/after')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('does nothing for a server that never listened (the tests close apps that way)', async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await expect(drain.beforeApplicationShutdown()).resolves.toBeUndefined();
  });
});
