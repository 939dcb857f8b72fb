import { Link, Navigate, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Loading } from '../../components/Loading';
import { ProblemMessage } from '../../components/ProblemMessage';
import { t } from '../../i18n';
import { useMe } from '../../session/use-me';
import { availabilityApi, availabilityKeys } from './availability-api';
import { Exceptions } from './Exceptions';
import { todayIn } from './local-dates';
import { Preview } from './Preview';
import { WeeklyPattern } from './WeeklyPattern';
import { Wishes } from './Wishes';
import './availability.css';

/**
 * /availability: the signed-in caregiver's own caregiver row, one per team. With one team there is
 * nothing to choose; with several they pick the team first.
 */
export function MyAvailability() {
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (me.error) return <ProblemMessage error={me.error} onRetry={() => void me.refetch()} />;
  const caregivers = me.data.caregivers;
  if (caregivers.length === 1) return <Navigate to={`/availability/${caregivers[0].id}`} replace />;
  return (
    <section>
      <h1>{t('availability.title')}</h1>
      {caregivers.length === 0 ? (
        <p>{t('availability.noCaregiver')}</p>
      ) : (
        <>
          <h2>{t('availability.chooseTeam')}</h2>
          <ul className="choices">
            {caregivers.map((caregiver) => (
              <li key={caregiver.id}>
                <Link to={`/availability/${caregiver.id}`}>{caregiver.teamName}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** /availability/:caregiverId: the weekly pattern, one-off changes, wishes, and the next two weeks. */
export function CaregiverAvailability() {
  const { caregiverId = '' } = useParams();
  const me = useMe();
  const pattern = useQuery({
    queryKey: [...availabilityKeys.all(caregiverId), 'pattern'],
    queryFn: () => availabilityApi.pattern(caregiverId),
    // Edits live in the form; a refetch must not look like it threw them away.
    refetchOnWindowFocus: false,
  });
  const team = me.data?.caregivers.find((caregiver) => caregiver.id === caregiverId)?.teamName;
  const title = team ? t('availability.teamTitle', { team }) : t('availability.title');

  if (pattern.isPending)
    return (
      <section>
        <h1>{title}</h1>
        <Loading />
      </section>
    );
  if (pattern.error)
    return (
      <section>
        <h1>{title}</h1>
        <ProblemMessage error={pattern.error} onRetry={() => void pattern.refetch()} />
      </section>
    );
  const timezone = pattern.data.timezone;
  const today = todayIn(timezone);
  return (
    <section className="availability">
      <h1>{title}</h1>
      <p className="hint-line">{t('availability.timezone', { zone: timezone })}</p>
      <div className="availability-columns">
        <div className="stack">
          <WeeklyPattern caregiverId={caregiverId} pattern={pattern.data} today={today} />
          <Exceptions caregiverId={caregiverId} today={today} />
          <Wishes caregiverId={caregiverId} today={today} />
        </div>
        <Preview caregiverId={caregiverId} today={today} />
      </div>
    </section>
  );
}
