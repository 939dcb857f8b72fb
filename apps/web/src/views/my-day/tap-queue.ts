// Check-ins and check-outs go through a queue kept in localStorage: a tap made without a network
// (a cellar, a lift, a village without coverage) is kept with the time of the tap and sent when
// the phone is back online. The API answers the same tap sent twice with the same check-in (the
// time is the key), so a tap whose answer was lost is simply sent again.
import { api } from '../../api/client';
import { ProblemError, unwrap, type Problem } from '../../api/problem';

export type TapAction = 'check-in' | 'check-out';

export interface Tap {
  /** Unique per tap, so that the page can tell them apart. */
  id: string;
  visitId: string;
  action: TapAction;
  /** ISO instant of the tap. */
  at: string;
  location?: { latitude: number; longitude: number };
}

export interface Refusal {
  tap: Tap;
  problem: Problem;
}

const KEY = 'homecare.myDay.taps';
const listeners = new Set<() => void>();

function read(): Tap[] {
  try {
    const saved = localStorage.getItem(KEY);
    return saved ? (JSON.parse(saved) as Tap[]) : [];
  } catch {
    return [];
  }
}

function write(taps: Tap[]): void {
  localStorage.setItem(KEY, JSON.stringify(taps));
  for (const listener of listeners) listener();
}

/** The taps not sent yet, oldest first. */
export function pendingTaps(): Tap[] {
  return read();
}

export function subscribeToTaps(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function enqueue(tap: Tap): void {
  write([...read(), tap]);
}

function remove(id: string): void {
  write(read().filter((tap) => tap.id !== id));
}

function post(tap: Tap) {
  const options = {
    params: { path: { visitId: tap.visitId } },
    body: { at: tap.at, ...(tap.location ? { location: tap.location } : {}) },
  };
  return unwrap(
    tap.action === 'check-in'
      ? api.POST('/visits/{visitId}/check-in', options)
      : api.POST('/visits/{visitId}/check-out', options),
  );
}

let flushing: Promise<{ sent: number; refusals: Refusal[] }> | null = null;

/**
 * Sends the queued taps in order, one flush at a time (a second call shares the first). A tap the
 * API refuses (4xx) leaves the queue with its reason; without a network, or when the server
 * fails, the rest waits for the next flush.
 */
export function flushTaps(): Promise<{ sent: number; refusals: Refusal[] }> {
  flushing ??= (async () => {
    let sent = 0;
    const refusals: Refusal[] = [];
    for (const tap of read()) {
      try {
        await post(tap);
        sent += 1;
        remove(tap.id);
      } catch (error) {
        // A sign-in that ran out (401) keeps the tap for after the next sign-in.
        const status = error instanceof ProblemError ? error.problem.status : 0;
        if (status >= 400 && status < 500 && status !== 401) {
          refusals.push({ tap, problem: (error as ProblemError).problem });
          remove(tap.id);
          continue;
        }
        break;
      }
    }
    return { sent, refusals };
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}
