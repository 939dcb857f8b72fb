import { Link, Navigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import { Loading } from '../components/Loading';
import { ProblemMessage } from '../components/ProblemMessage';
import { t } from '../i18n';
import { useMe } from '../session/use-me';

/**
 * The start page leads each person to their own work: a caregiver to their team's week, a family
 * member to their client's visit plan, a coordinator to the organisation's teams and hours. With
 * one team or one client there is nothing to choose, so it goes straight there.
 */
export function Home() {
  const me = useMe();
  const teams = useQuery({
    queryKey: ['teams'],
    queryFn: () => unwrap(api.GET('/teams', { params: { query: { limit: 200 } } })),
    enabled: me.data?.role === 'coordinator' || me.data?.role === 'administrator',
  });
  if (me.isPending) return <Loading />;
  if (me.error) return <ProblemMessage error={me.error} onRetry={() => void me.refetch()} />;
  const user = me.data;

  if (user.role === 'caregiver') {
    if (user.caregivers.length === 1) return <Navigate to={`/teams/${user.caregivers[0].teamId}`} replace />;
    return (
      <Choice title={t('home.chooseTeam')}>
        {user.caregivers.map((caregiver) => (
          <li key={caregiver.id}>
            <Link to={`/teams/${caregiver.teamId}`}>{caregiver.teamName}</Link>
          </li>
        ))}
      </Choice>
    );
  }
  if (user.role === 'family') {
    if (user.clients.length === 1) return <Navigate to={`/clients/${user.clients[0].id}/plan`} replace />;
    return (
      <Choice title={t('home.chooseClient')}>
        {user.clients.map((client) => (
          <li key={client.id}>
            <Link to={`/clients/${client.id}/plan`}>{client.name}</Link>
          </li>
        ))}
      </Choice>
    );
  }
  if (teams.isPending) return <Loading />;
  if (teams.error) return <ProblemMessage error={teams.error} onRetry={() => void teams.refetch()} />;
  return (
    <Choice title={t('home.chooseTeam')}>
      {teams.data.items.map((team) => (
        <li key={team.id}>
          <Link to={`/teams/${team.id}`}>{team.name}</Link>
        </li>
      ))}
    </Choice>
  );
}

function Choice({ title, children }: { title: string; children: React.ReactNode }) {
  const list = Array.isArray(children) ? children : [children];
  return (
    <section>
      <h1>{title}</h1>
      {list.length === 0 ? <p>{t('home.nothing')}</p> : <ul className="choices">{children}</ul>}
    </section>
  );
}
