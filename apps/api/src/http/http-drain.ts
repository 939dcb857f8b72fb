import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * How long requests under way may take to finish once the API is told to stop: within the 10 s a
 * container gets (docker stop, compose) before it is killed, with time left to close the pools.
 */
export const DRAIN_TIMEOUT_MS = 8000;
const SWEEP_EVERY_MS = 100;

/**
 * Stopping without dropping requests. Nest closes the HTTP server only after the shutdown hooks,
 * and Node's `server.close()` then waits for keep-alive connections, on which a busy client keeps
 * sending requests (and gets keep-alive answers): such an API never stops. So, first of all:
 * stop accepting connections, answer what is under way with `Connection: close`, close every
 * connection as soon as it is idle, and wait for the requests in flight, at most DRAIN_TIMEOUT_MS
 * (then their connections are cut, so that the process always ends). Only then does Nest close
 * the database and Redis, which those requests still needed.
 */
@Injectable()
export class HttpDrain implements BeforeApplicationShutdown {
  private readonly logger = new Logger(HttpDrain.name);
  private readonly inFlight = new Set<ServerResponse>();
  private draining = false;

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /** Express middleware, first of all: knows the requests in flight and marks answers given while draining. */
  readonly track = (_request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    this.inFlight.add(response);
    response.once('close', () => this.inFlight.delete(response));
    if (this.draining) response.setHeader('Connection', 'close');
    next();
  };

  async beforeApplicationShutdown(): Promise<void> {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server?.listening) return;
    this.draining = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const response of this.inFlight)
      if (!response.headersSent) response.setHeader('Connection', 'close');
    // A connection becomes idle when its request is answered; close it before it takes another.
    server.closeIdleConnections();
    const sweep = setInterval(() => server.closeIdleConnections(), SWEEP_EVERY_MS);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'deadline'>((resolve) => {
      timer = setTimeout(() => resolve('deadline'), DRAIN_TIMEOUT_MS);
    });
    const waiting = this.inFlight.size;
    const outcome = await Promise.race([closed.then(() => 'drained' as const), deadline]);
    clearInterval(sweep);
    clearTimeout(timer);
    if (outcome === 'deadline') {
      this.logger.warn(
        `${this.inFlight.size} request(s) still running after ${DRAIN_TIMEOUT_MS} ms: cut off`,
      );
      server.closeAllConnections();
      await closed;
    } else if (waiting > 0) {
      this.logger.log(`stopped accepting connections; ${waiting} request(s) in flight finished`);
    }
  }
}
