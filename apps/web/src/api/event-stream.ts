// One server-sent event stream kept open (read with fetch, as EventSource cannot send the
// Authorization header): a dropped stream is opened again after a pause that grows (1 s, 2 s, ... at
// most 30 s); the callers' own slow polling covers the time in between.
import { session } from '../session/store';
import { parseServerSentEvents, type ServerSentEvent } from './server-sent-events';

const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;

export interface EventStreamHandlers {
  /** each complete event; the stream counts as open from its first event */
  onEvent: (event: ServerSentEvent) => void;
  /** the stream dropped (the next attempt follows by itself) */
  onDrop?: () => void;
}

/** Follows `path` (an API path such as /users/me/notifications/stream) until the returned stop is called. */
export function followEventStream(path: string, handlers: EventStreamHandlers): () => void {
  const controller = new AbortController();
  let retryMs = RETRY_FIRST_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const follow = async () => {
    const token = await session.accessToken();
    const response = await fetch(`${globalThis.location.origin}${path}`, {
      headers: { Accept: 'text/event-stream', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      signal: controller.signal,
    });
    if (!response.ok || !response.body) throw new Error(`${path}: ${response.status}`);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`${path}: ended`);
      const parsed = parseServerSentEvents(buffer + value);
      buffer = parsed.rest;
      for (const event of parsed.events) {
        retryMs = RETRY_FIRST_MS;
        handlers.onEvent(event);
      }
    }
  };
  const run = () => {
    follow().catch(() => {
      if (controller.signal.aborted) return;
      handlers.onDrop?.();
      timer = setTimeout(run, retryMs);
      retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
    });
  };
  run();
  return () => {
    controller.abort();
    if (timer) clearTimeout(timer);
  };
}
