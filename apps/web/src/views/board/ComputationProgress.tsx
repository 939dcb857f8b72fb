// Live progress of the plan's computation, from GET /rosters/{id}/events (server-sent events read
// with fetch, since EventSource cannot send the Authorization header). The plan itself is polled
// meanwhile, so a lost stream only costs the progress bar, never the new version.
import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { t } from '../../i18n';
import { session } from '../../session/store';
import { boardKeys, type Plan } from './board-api';
import { parseServerSentEvents } from '../../api/server-sent-events';

interface Progress {
  rosterId: string;
  status: string;
  progress: number;
  kpis: Record<string, unknown> | null;
  failureReason?: string;
}

function useRosterProgress(rosterId: string | null, planId: string): Progress | null {
  const queries = useQueryClient();
  const [progress, setProgress] = useState<Progress | null>(null);
  useEffect(() => {
    if (!rosterId) return;
    const controller = new AbortController();
    const follow = async () => {
      const token = await session.accessToken();
      const response = await fetch(`${globalThis.location.origin}/rosters/${rosterId}/events`, {
        headers: { Accept: 'text/event-stream', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        signal: controller.signal,
      });
      if (!response.ok || !response.body) return;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const parsed = parseServerSentEvents(buffer + value);
        buffer = parsed.rest;
        for (const event of parsed.events) {
          const data = JSON.parse(event.data) as Omit<Progress, 'rosterId'>;
          setProgress({ ...data, rosterId });
          if (event.event === 'done' || event.event === 'failed')
            void queries.invalidateQueries({ queryKey: boardKeys.plan(planId) });
        }
      }
    };
    // A failed stream is not an error for the person: the plan's polling carries on.
    follow().catch(() => undefined);
    return () => controller.abort();
  }, [rosterId, planId, queries]);
  return progress && progress.rosterId === rosterId ? progress : null;
}

/**
 * The computation under way (or the one that just failed), with a progress bar and a polite live
 * region that says the status in steps of 10 %, so a screen reader is not flooded.
 */
export function ComputationProgress({ plan }: { plan: Plan }) {
  const computation = plan.computation;
  const running = computation !== null && ['queued', 'running'].includes(computation.status);
  const live = useRosterProgress(running ? computation.rosterId : null, plan.id);
  const [finished, setFinished] = useState<{ rosterId: string; version: number } | null>(null);
  const [watching, setWatching] = useState<string | null>(null);

  // Remember which computation we watched, so its end can be announced with the new version.
  if (running && watching !== computation.rosterId) setWatching(computation.rosterId);
  if (!running && watching !== null) {
    setFinished({ rosterId: watching, version: plan.currentVersion });
    setWatching(null);
  }

  const failed = computation?.status === 'failed';
  const status = live?.status ?? computation?.status;
  const fraction = live?.progress ?? 0;
  const percent = Math.floor(fraction * 10) * 10;
  const assigned = live?.kpis?.assignedVisits;
  const visits = live?.kpis?.visits;
  let message = '';
  if (running)
    message =
      `${status === 'queued' ? t('board.progress.queued') : t('board.progress.running', { percent })} ${
        typeof assigned === 'number' && typeof visits === 'number'
          ? t('board.progress.bestSoFar', { assigned, visits })
          : ''
      }`.trim();
  else if (finished && !failed) message = t('board.progress.done', { version: finished.version });
  return (
    <>
      {failed && (
        <div className="problem" role="alert">
          {t('board.progress.failed', { reason: computation.failureReason ?? '' })}
        </div>
      )}
      {/* One live region that stays mounted, so every change of its text is announced. */}
      <div className={running ? 'progress-panel notice' : message ? 'success' : 'visually-hidden'}>
        {running && (
          <>
            <h2 id="progress-title">{t('board.progress.title')}</h2>
            <progress
              max={1}
              value={status === 'queued' ? undefined : fraction}
              aria-labelledby="progress-title"
            />
          </>
        )}
        <p role="status" aria-live="polite">
          {message}
        </p>
      </div>
    </>
  );
}
