import { Link } from 'react-router';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Loading } from '../../components/Loading';
import { ProblemMessage } from '../../components/ProblemMessage';
import { now } from '../../clock';
import { t } from '../../i18n';
import { useUser } from '../../session/use-session';
import { hoursApi, hoursKeys, type PayPeriod } from './hours-api';
import { mergePeriods, shiftDate } from './timesheet-table';
import { periodLabel, stateLabel } from './words';
import './hours.css';

/** Days per request; the API lists at most 400. */
const RANGE_DAYS = 92;

/** The browser's local date: the periods of "now" for the person looking. */
function today(): string {
  return new Intl.DateTimeFormat('en-CA').format(now());
}

/** /hours: the organisation's pay periods, newest first, with their state; earlier ones on request. */
export function HoursList() {
  const user = useUser();
  const organisationId = user?.organisationId ?? null;
  const now = today();
  const periods = useInfiniteQuery({
    queryKey: [...hoursKeys.periods(organisationId ?? ''), now],
    queryFn: ({ pageParam }) =>
      hoursApi.periods(organisationId!, shiftDate(pageParam, -(RANGE_DAYS - 1)), pageParam),
    initialPageParam: now,
    getNextPageParam: (_last, _all, lastParam) => shiftDate(lastParam, -RANGE_DAYS),
    enabled: organisationId !== null,
  });

  if (!organisationId)
    return (
      <section>
        <h1>{t('hours.title')}</h1>
        <p>{t('hours.noOrganisation')}</p>
      </section>
    );
  return (
    <section className="hours">
      <h1>{t('hours.title')}</h1>
      <h2 id="periods-title">{t('hours.periods')}</h2>
      <p className="hint-line">{t('hours.periodsIntro')}</p>
      {periods.isPending ? (
        <Loading />
      ) : periods.error && !periods.data ? (
        <ProblemMessage error={periods.error} onRetry={() => void periods.refetch()} />
      ) : (
        <PeriodTable
          periods={mergePeriods(periods.data.pages.map((page) => page.items))}
          now={now}
          onMore={() => void periods.fetchNextPage()}
          loadingMore={periods.isFetchingNextPage}
          error={periods.error}
        />
      )}
    </section>
  );
}

function PeriodTable({
  periods,
  now,
  onMore,
  loadingMore,
  error,
}: {
  periods: PayPeriod[];
  now: string;
  onMore: () => void;
  loadingMore: boolean;
  error: unknown;
}) {
  return (
    <>
      {periods.length === 0 ? (
        <p>{t('hours.noPeriods')}</p>
      ) : (
        <table className="periods" aria-labelledby="periods-title">
          <thead>
            <tr>
              <th scope="col">{t('hours.period')}</th>
              <th scope="col">{t('hours.status')}</th>
            </tr>
          </thead>
          <tbody>
            {periods.map((period) => {
              const current = period.start <= now && now <= period.end;
              return (
                <tr key={period.key} aria-current={current ? 'date' : undefined}>
                  <th scope="row">
                    <Link to={`/hours/${period.key}`}>{periodLabel(period)}</Link>
                    {current && <span className="current"> ({t('hours.current')})</span>}
                  </th>
                  <td>
                    <span className={`state state-${period.state}`}>{stateLabel(period.state)}</span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <ProblemMessage error={error} />
      <p role="status" aria-live="polite" className="status-line">
        {loadingMore ? t('hours.loadingEarlier') : ''}
      </p>
      <button type="button" onClick={onMore} disabled={loadingMore}>
        {t('hours.showEarlier')}
      </button>
    </>
  );
}
