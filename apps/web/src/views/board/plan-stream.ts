// The board kept live: GET /roster-plans/{id}/stream says when anyone changed the plan (a step of
// the negotiation, a computation, flags from an availability change), and the board reads the plan
// again. Read with fetch, as EventSource cannot send the Authorization header; a dropped stream is
// opened again after a pause that grows (1 s, 2 s, ... at most 30 s) and the plan's slow polling
// covers the time in between.
import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { session } from '../../session/store';
import { boardKeys } from './board-api';
import { parseServerSentEvents } from './sse';

const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/** Follows the plan's changes; true while the stream is open (the board then polls rarely). */
export function usePlanStream(planId: string | undefined): boolean {
  const queries = useQueryClient();
  const [live, setLive] = useState(false);
  useEffect(() => {
    if (!planId) return;
    const controller = new AbortController();
    let lastMark: string | undefined;
    let retryMs = RETRY_FIRST_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const follow = async () => {
      const token = await session.accessToken();
      const response = await fetch(`${globalThis.location.origin}/roster-plans/${planId}/stream`, {
        headers: { Accept: 'text/event-stream', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        signal: controller.signal,
      });
      if (!response.ok || !response.body) throw new Error(`plan stream: ${response.status}`);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) throw new Error('plan stream ended');
        const parsed = parseServerSentEvents(buffer + value);
        buffer = parsed.rest;
        for (const event of parsed.events) {
          if (event.event !== 'changed') continue;
          setLive(true);
          retryMs = RETRY_FIRST_MS;
          const { mark } = JSON.parse(event.data) as { mark: string };
          // The first mark too: the plan may have changed between its read and the stream's
          // start (or while a dropped stream was away), so read it again then and at every change.
          if (mark !== lastMark) void queries.invalidateQueries({ queryKey: boardKeys.plan(planId) });
          lastMark = mark;
        }
      }
    };
    const run = () => {
      follow().catch(() => {
        if (controller.signal.aborted) return;
        setLive(false);
        timer = setTimeout(run, retryMs);
        retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
      });
    };
    run();
    return () => {
      controller.abort();
      if (timer) clearTimeout(timer);
      setLive(false);
    };
  }, [planId, queries]);
  return live;
}

/** The board's phone layout (board.css's breakpoint), following the window as it changes. */
export function useNarrow(query = '(max-width: 48rem)'): boolean {
  const [narrow, setNarrow] = useState(() => globalThis.matchMedia?.(query).matches ?? false);
  useEffect(() => {
    const media = globalThis.matchMedia?.(query);
    if (!media) return;
    const update = () => setNarrow(media.matches);
    update();
    media.addEventListener('change', update);
    return () => media.removeEventListener('change', update);
  }, [query]);
  return narrow;
}
