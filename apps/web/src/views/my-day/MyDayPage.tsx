import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type components } from '../../api/client';
import { problemOf, reasonOf, unwrap } from '../../api/problem';
import { now } from '../../clock';
import { Loading } from '../../components/Loading';
import { ProblemMessage } from '../../components/ProblemMessage';
import { t } from '../../i18n';
import { clockIn, longDay } from '../../lib/format';
import { useMe } from '../../session/use-me';
import { useUser } from '../../session/use-session';
import { ConfirmDialog } from '../hours/ConfirmDialog';
import { addDays, todayIn } from '../availability/local-dates';
import { positionIfAllowed } from './position';
import { enqueue, flushTaps, pendingTaps, subscribeToTaps, type Tap, type TapAction } from './tap-queue';
import './my-day.css';

type Day = components['schemas']['MyDayView'];
type Visit = components['schemas']['MyDayVisitView'];

const dayKey = ['my-day'] as const;
const savedKey = (userId: string) => `homecare.myDay.saved.${userId}`;

/** Today's list from the API, kept on the phone; offline, the kept one while it is still today's. */
async function loadDay(userId: string): Promise<{ day: Day; saved: boolean }> {
  try {
    const day = await unwrap(api.GET('/users/me/day'));
    localStorage.setItem(savedKey(userId), JSON.stringify(day));
    return { day, saved: false };
  } catch (error) {
    if (problemOf(error).status === 0) {
      const text = localStorage.getItem(savedKey(userId));
      const saved = text ? (JSON.parse(text) as Day) : null;
      if (saved && saved.date === todayIn(saved.timezone)) return { day: saved, saved: true };
    }
    throw error;
  }
}

/** The local `YYYY-MM-DDTHH:mm` of now in `timeZone`, as the API reads local times. */
function localNowIn(timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now());
  const part = (type: string) => parts.find((candidate) => candidate.type === type)?.value ?? '00';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
}

function useOnline(): boolean {
  return useSyncExternalStore(
    (listener) => {
      globalThis.addEventListener('online', listener);
      globalThis.addEventListener('offline', listener);
      return () => {
        globalThis.removeEventListener('online', listener);
        globalThis.removeEventListener('offline', listener);
      };
    },
    () => navigator.onLine,
  );
}

/** The taps not sent yet, re-read whenever the queue changes (a stable snapshot: the raw text). */
function usePendingTaps(): Tap[] {
  const raw = useSyncExternalStore(subscribeToTaps, () => JSON.stringify(pendingTaps()));
  return useMemo(() => JSON.parse(raw) as Tap[], [raw]);
}

/**
 * A caregiver's day on a phone: today's visits in order, each with where, what to do, with whom
 * and the travel to the next; check in and out in one tap (kept on the phone and sent later when
 * offline); "I'm running late" and a sick call.
 */
export function MyDayPage() {
  const user = useUser()!;
  const queries = useQueryClient();
  const online = useOnline();
  const taps = usePendingTaps();
  const [status, setStatus] = useState('');
  const [refusals, setRefusals] = useState<string[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const day = useQuery({ queryKey: dayKey, queryFn: () => loadDay(user.id) });

  const send = async () => {
    const { sent, refusals: refused } = await flushTaps();
    if (refused.length > 0) {
      const names = new Map(day.data?.day.visits.map((visit) => [visit.visitId, visit.clientName]));
      setRefusals(
        refused.map(({ tap, problem }) =>
          t('myDay.refused', { client: names.get(tap.visitId) ?? '', reason: reasonOf(problem) }),
        ),
      );
    }
    if (sent > 0 || refused.length > 0) await queries.invalidateQueries({ queryKey: dayKey });
    return sent;
  };

  // Whatever waits is sent when the page opens and whenever the phone is back online.
  useEffect(() => {
    const sendWaiting = () => void send();
    sendWaiting();
    globalThis.addEventListener('online', sendWaiting);
    return () => globalThis.removeEventListener('online', sendWaiting);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  if (day.isPending) return <Loading />;
  if (day.error) return <ProblemMessage error={day.error} onRetry={() => void day.refetch()} />;
  const { day: today, saved } = day.data;

  const tap = async (visit: Visit, action: TapAction) => {
    setBusy(visit.visitId);
    setRefusals([]);
    // The time of the tap, before the phone looks for its position.
    const at = now().toISOString();
    const location = await positionIfAllowed();
    enqueue({
      id: crypto.randomUUID(),
      visitId: visit.visitId,
      action,
      at,
      ...(location ? { location } : {}),
    });
    setBusy(null);
    const time = clockIn(at, today.timezone);
    const what = action === 'check-in' ? t('myDay.checkedIn', { time }) : t('myDay.checkedOut', { time });
    if (!navigator.onLine) {
      setStatus(`${what}. ${t('myDay.queued')}`);
      return;
    }
    const sent = await send();
    setStatus(sent > 0 ? t('myDay.done', { what }) : `${what}. ${t('myDay.queued')}`);
  };

  return (
    <section className="my-day">
      <h1>{t('myDay.title')}</h1>
      <p className="my-day-date">{longDay(today.date)}</p>
      {saved && <p className="notice">{t('myDay.saved')}</p>}
      <p role="status" className="my-day-status">
        {status}
      </p>
      {refusals.map((text) => (
        <p key={text} className="problem" role="alert">
          {text}
        </p>
      ))}
      {today.visits.length === 0 ? (
        <p className="notice">{t('myDay.empty')}</p>
      ) : (
        <ol className="my-day-visits" aria-label={t('myDay.visits')}>
          {today.visits.map((visit) => (
            <VisitCard
              key={visit.visitId}
              visit={visit}
              timezone={today.timezone}
              taps={taps.filter((candidate) => candidate.visitId === visit.visitId)}
              busy={busy === visit.visitId}
              online={online}
              onTap={(action) => void tap(visit, action)}
            />
          ))}
        </ol>
      )}
      <SickCall day={today} />
    </section>
  );
}

function VisitCard({
  visit,
  timezone,
  taps,
  busy,
  online,
  onTap,
}: {
  visit: Visit;
  timezone: string;
  taps: Tap[];
  busy: boolean;
  online: boolean;
  onTap: (action: TapAction) => void;
}) {
  const time = (instant: string) => clockIn(instant, timezone);
  const waitingIn = taps.find((candidate) => candidate.action === 'check-in');
  const waitingOut = taps.find((candidate) => candidate.action === 'check-out');
  const checkedInAt = visit.checkIn?.checkedInAt ?? waitingIn?.at;
  const checkedOutAt = visit.checkIn?.checkedOutAt ?? waitingOut?.at;
  const headingId = `visit-${visit.visitId}`;
  return (
    <li className="my-day-visit" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <span className="my-day-time">
          {t('myDay.time', { start: time(visit.plannedStart), end: time(visit.plannedEnd) })}
        </span>{' '}
        {visit.clientName}
      </h2>
      {visit.address && <p className="my-day-address">{visit.address}</p>}
      <p>{visit.careNeed ? t('myDay.whatToDo', { careNeed: visit.careNeed }) : t('myDay.oneOff')}</p>
      {visit.partners.length > 0 && <p>{t('myDay.with', { names: visit.partners.join(', ') })}</p>}
      <p className="hint">
        {t('myDay.window', { start: time(visit.windowStart), end: time(visit.windowEnd) })}
      </p>
      {checkedInAt && (
        <p className="my-day-state">
          {t('myDay.checkedIn', { time: time(checkedInAt) })}
          {checkedOutAt && <>. {t('myDay.checkedOut', { time: time(checkedOutAt) })}</>}
        </p>
      )}
      {taps.length > 0 && <p className="warning">{t('myDay.waiting')}</p>}
      {!checkedInAt && (
        <button
          type="button"
          className="primary my-day-tap"
          aria-label={t('myDay.checkInAt', { client: visit.clientName })}
          disabled={busy}
          onClick={() => onTap('check-in')}
        >
          {t('myDay.checkIn')}
        </button>
      )}
      {checkedInAt && !checkedOutAt && (
        <button
          type="button"
          className="primary my-day-tap"
          aria-label={t('myDay.checkOutAt', { client: visit.clientName })}
          disabled={busy}
          onClick={() => onTap('check-out')}
        >
          {t('myDay.checkOut')}
        </button>
      )}
      {!checkedOutAt && online && <RunningLate visit={visit} />}
      {visit.travelToNextMinutes !== null && (
        <p className="my-day-travel">{t('myDay.travel', { minutes: visit.travelToNextMinutes })}</p>
      )}
    </li>
  );
}

const LATE_CHOICES = [10, 20, 30];

/** "I'm running late": about how late, then the client's family and the team are told. */
function RunningLate({ visit }: { visit: Visit }) {
  const [open, setOpen] = useState(false);
  const late = useMutation({
    mutationFn: (minutes: number) =>
      unwrap(
        api.POST('/visits/{visitId}/running-late', {
          params: { path: { visitId: visit.visitId } },
          body: { minutes },
        }),
      ),
    onSuccess: () => setOpen(false),
  });
  const choicesId = `late-${visit.visitId}`;
  return (
    <div className="my-day-late">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={choicesId}
        aria-label={t('myDay.late.openAt', { client: visit.clientName })}
        onClick={() => setOpen(!open)}
      >
        {t('myDay.late.open')}
      </button>
      {open && (
        <div id={choicesId} role="group" aria-label={t('myDay.late.choose')} className="row">
          {LATE_CHOICES.map((minutes) => (
            <button
              key={minutes}
              type="button"
              disabled={late.isPending}
              onClick={() => late.mutate(minutes)}
            >
              {t('myDay.late.minutes', { minutes })}
            </button>
          ))}
        </div>
      )}
      {late.isSuccess && (
        <p className="success" role="status">
          {t('myDay.late.told', { client: visit.clientName, minutes: late.data.minutes })}
        </p>
      )}
      <ProblemMessage error={late.error} />
    </div>
  );
}

/**
 * A sick call from the day: the published roster is amended for the rest of today (the team's
 * amendment route: the caregiver unavailable from now until midnight, re-rostered by the worker).
 */
function SickCall({ day }: { day: Day }) {
  const me = useMe();
  const queries = useQueryClient();
  const [open, setOpen] = useState(false);
  const coming = day.visits.filter((visit) => !visit.checkIn?.checkedOutAt);
  const call = useMutation({
    mutationFn: async () => {
      for (const planId of [...new Set(coming.map((visit) => visit.planId))]) {
        const visit = coming.find((candidate) => candidate.planId === planId)!;
        const caregiver = me.data?.caregivers.find((candidate) => candidate.teamId === visit.teamId);
        if (!caregiver) continue;
        const plan = await unwrap(api.GET('/roster-plans/{planId}', { params: { path: { planId } } }));
        await unwrap(
          api.POST('/roster-plans/{planId}/amendments', {
            params: { path: { planId }, header: { 'If-Match': plan.etag } },
            body: {
              caregiverId: caregiver.id,
              from: localNowIn(day.timezone),
              to: `${addDays(day.date, 1)}T00:00`,
              reason: t('myDay.sick.open'),
            },
          }),
        );
      }
    },
    onSuccess: async () => {
      setOpen(false);
      await queries.invalidateQueries({ queryKey: dayKey });
    },
  });
  if (coming.length === 0 && !call.isSuccess) return null;
  return (
    <div className="my-day-sick">
      {call.isSuccess ? (
        <p className="success" role="status">
          {t('myDay.sick.done')}
        </p>
      ) : (
        <button type="button" className="danger my-day-tap" onClick={() => setOpen(true)}>
          {t('myDay.sick.open')}
        </button>
      )}
      <ConfirmDialog
        open={open}
        title={t('myDay.sick.title')}
        confirmLabel={t('myDay.sick.confirm')}
        busy={call.isPending || me.isPending}
        error={call.error}
        onConfirm={() => call.mutate()}
        onCancel={() => setOpen(false)}
      >
        <p>{t('myDay.sick.body')}</p>
      </ConfirmDialog>
    </div>
  );
}
