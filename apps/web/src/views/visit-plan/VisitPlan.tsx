import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, type components } from '../../api/client';
import { unwrap } from '../../api/problem';
import { Loading } from '../../components/Loading';
import { ProblemMessage } from '../../components/ProblemMessage';
import { t } from '../../i18n';
import { clockOf, dateTime, duration, longDay } from '../../lib/format';
import { useMe } from '../../session/use-me';
import { addDays, byDay } from './plan-days';
import './visit-plan.css';

type Entry = components['schemas']['VisitPlanEntry'];

/**
 * A client's coming two weeks, for the client and their family: the day, the time window and who
 * is coming (first names only, as the API gives them), in large type that reads well on a phone.
 * Only the published roster is ever shown (the API reads nothing else).
 */
export function VisitPlan() {
  const { clientId = '' } = useParams();
  const [search] = useSearchParams();
  const from = search.get('from') ?? undefined;
  const me = useMe();
  const name = me.data?.clients.find((client) => client.id === clientId)?.name;
  const plan = useQuery({
    queryKey: ['visit-plan', clientId, from ?? 'today'],
    queryFn: () =>
      unwrap(
        api.GET('/clients/{clientId}/visit-plan', {
          params: { path: { clientId }, query: from ? { from, to: addDays(from, 13) } : {} },
        }),
      ),
  });

  return (
    <div className="visit-plan">
      <h1>{name ? t('visitPlan.title', { name }) : t('visitPlan.titleUnnamed')}</h1>
      {plan.isPending && <Loading />}
      <ProblemMessage error={plan.error} onRetry={() => void plan.refetch()} />
      {plan.data && (
        <>
          <p className="period">
            {t('visitPlan.period', { from: longDay(plan.data.from), to: longDay(plan.data.to) })}
          </p>
          {plan.data.visits.length === 0 ? (
            <p className="notice">{t('visitPlan.empty')}</p>
          ) : (
            byDay(plan.data.visits).map((day) => (
              <section key={day.date} aria-labelledby={`day-${day.date}`} className="plan-day">
                <h2 id={`day-${day.date}`}>{longDay(day.date)}</h2>
                <ul className="plan-visits">
                  {day.visits.map((visit) => (
                    <PlannedVisit key={visit.visitId} visit={visit} />
                  ))}
                </ul>
              </section>
            ))
          )}
          <nav className="row plan-pages" aria-label={t('visitPlan.pages')}>
            {from && <Link to={`/clients/${clientId}/plan`}>{t('visitPlan.today')}</Link>}
            <Link to={`/clients/${clientId}/plan?from=${addDays(plan.data.to, 1)}`}>
              {t('visitPlan.later')}
            </Link>
          </nav>
        </>
      )}
      <CalendarFeeds clientId={clientId} />
    </div>
  );
}

function PlannedVisit({ visit }: { visit: Entry }) {
  const [first, second] = visit.caregivers;
  const coming =
    first === undefined
      ? t('visitPlan.comingUnknown')
      : second === undefined
        ? t('visitPlan.comingOne', { name: first })
        : t('visitPlan.comingTwo', { first, second });
  return (
    <li className={`plan-visit status-${visit.status}`}>
      <p className="plan-window">
        {t('visitPlan.window', { start: clockOf(visit.windowStart), end: clockOf(visit.windowEnd) })}
      </p>
      <p className="plan-who">{coming}</p>
      <p className="plan-meta">
        <span className="plan-status">{t(`visitPlan.status.${visit.status}`)}</span>
        <span>{t('visitPlan.duration', { duration: duration(visit.durationMinutes) })}</span>
      </p>
      {visit.note && <p className="plan-note">{t('visitPlan.changed', { note: visit.note })}</p>}
    </li>
  );
}

/** The private calendar link (.ics) of this client's visits: made, shown once, listed and stopped. */
function CalendarFeeds({ clientId }: { clientId: string }) {
  const queries = useQueryClient();
  const [copied, setCopied] = useState(false);
  const feeds = useQuery({
    queryKey: ['calendar-feeds'],
    queryFn: () => unwrap(api.GET('/calendar-feeds')),
  });
  const create = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/clients/{clientId}/calendar-feeds', { params: { path: { clientId } } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['calendar-feeds'] }),
  });
  const revoke = useMutation({
    mutationFn: (feedId: string) =>
      unwrap(api.DELETE('/calendar-feeds/{feedId}', { params: { path: { feedId } } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['calendar-feeds'] }),
  });
  const mine = (feeds.data?.items ?? []).filter((feed) => feed.clientId === clientId && !feed.revokedAt);
  const created = create.data;
  const copy = async (url: string) => {
    await navigator.clipboard.writeText(url);
    setCopied(true);
  };
  return (
    <section aria-labelledby="calendar-title" className="plan-calendar">
      <h2 id="calendar-title">{t('visitPlan.calendar.title')}</h2>
      <p>{t('visitPlan.calendar.intro')}</p>
      {created ? (
        <div className="success stack" role="status">
          <p>{t('visitPlan.calendar.created')}</p>
          <label>
            {t('visitPlan.calendar.url')}
            <input readOnly value={created.url} onFocus={(event) => event.target.select()} />
          </label>
          <div className="row">
            <button type="button" onClick={() => void copy(created.url)}>
              {copied ? t('visitPlan.calendar.copied') : t('visitPlan.calendar.copy')}
            </button>
            <a className="button" href={created.url.replace(/^https?:/, 'webcal:')}>
              {t('visitPlan.calendar.subscribe')}
            </a>
          </div>
        </div>
      ) : (
        <button type="button" className="primary" onClick={() => create.mutate()} disabled={create.isPending}>
          {t('visitPlan.calendar.create')}
        </button>
      )}
      <ProblemMessage error={create.error ?? revoke.error} />
      {mine.length > 0 && (
        <>
          <h3>{t('visitPlan.calendar.existing')}</h3>
          <ul className="plan-feeds">
            {mine.map((feed) => (
              <li key={feed.id} className="row">
                <span>
                  {t('visitPlan.calendar.madeOn', { date: dateTime(feed.createdAt) })},{' '}
                  {feed.lastFetchedAt
                    ? t('visitPlan.calendar.lastUsed', { date: dateTime(feed.lastFetchedAt) })
                    : t('visitPlan.calendar.neverUsed')}
                </span>
                <button
                  type="button"
                  className="danger"
                  onClick={() => revoke.mutate(feed.id)}
                  disabled={revoke.isPending}
                >
                  {t('visitPlan.calendar.revoke')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {revoke.isSuccess && <p role="status">{t('visitPlan.calendar.revoked')}</p>}
    </section>
  );
}
