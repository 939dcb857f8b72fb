import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, type components } from '../../api/client';
import { unwrap } from '../../api/problem';
import { Loading } from '../../components/Loading';
import { ProblemMessage } from '../../components/ProblemMessage';
import { t } from '../../i18n';
import { clockOf, duration, longDay } from '../../lib/format';
import { useMe } from '../../session/use-me';
import { CalendarFeeds } from './CalendarFeeds';
import { addDays, byDay, unpublishedNotices } from './plan-days';
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
          {unpublishedNotices(plan.data.unpublished, plan.data.visits).map((notice) => (
            <p key={notice.from} className="notice plan-unpublished" role="note">
              {t(notice.planning ? 'visitPlan.stillPlanning' : 'visitPlan.inReview', {
                from: longDay(notice.from),
                to: longDay(notice.to),
              })}
            </p>
          ))}
          {plan.data.visits.length === 0 && plan.data.unpublished.length === 0 ? (
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
      ? t('visitPlan.nobodyYet')
      : second === undefined
        ? t('visitPlan.comingOne', { name: first })
        : t('visitPlan.comingTwo', { first, second });
  return (
    <li
      className={`plan-visit status-${visit.status}${visit.proposed ? ' proposed' : ''}${first === undefined ? ' nobody' : ''}`}
    >
      {visit.proposed && <p className="plan-proposed">{t('visitPlan.notYetAgreed')}</p>}
      <p className="plan-window">
        {t('visitPlan.window', { start: clockOf(visit.windowStart), end: clockOf(visit.windowEnd) })}
      </p>
      <p className="plan-who">{coming}</p>
      <p className="plan-meta">
        {!visit.proposed && <span className="plan-status">{t(`visitPlan.status.${visit.status}`)}</span>}
        <span>{t('visitPlan.duration', { duration: duration(visit.durationMinutes) })}</span>
      </p>
      {visit.note && <p className="plan-note">{t('visitPlan.changed', { note: visit.note })}</p>}
    </li>
  );
}
