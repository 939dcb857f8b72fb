// The board kept live: GET /roster-plans/{id}/stream says when anyone changed the plan (a step of
// the negotiation, a computation, flags from an availability change), and the board reads the plan
// again. Read with fetch, as EventSource cannot send the Authorization header; a dropped stream is
// opened again after a pause that grows (1 s, 2 s, ... at most 30 s) and the plan's slow polling
// covers the time in between.
import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { followEventStream } from '../../api/event-stream';
import { boardKeys } from './board-api';

/** Follows the plan's changes; true while the stream is open (the board then polls rarely). */
export function usePlanStream(planId: string | undefined): boolean {
  const queries = useQueryClient();
  const [live, setLive] = useState(false);
  useEffect(() => {
    if (!planId) return;
    let lastMark: string | undefined;
    const stop = followEventStream(`/roster-plans/${planId}/stream`, {
      onEvent: (event) => {
        if (event.event !== 'changed') return;
        setLive(true);
        const { mark } = JSON.parse(event.data) as { mark: string };
        // The first mark too: the plan may have changed between its read and the stream's
        // start (or while a dropped stream was away), so read it again then and at every change.
        if (mark !== lastMark) void queries.invalidateQueries({ queryKey: boardKeys.plan(planId) });
        lastMark = mark;
      },
      onDrop: () => setLive(false),
    });
    return () => {
      stop();
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
