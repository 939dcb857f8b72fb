// /teams/:teamId/clients: the team's clients with their address and how many care needs each has.
import { Link, useParams } from 'react-router';
import { Loading } from '../../components/Loading';
import { ProblemMessage } from '../../components/ProblemMessage';
import { t } from '../../i18n';
import { useCareNeedCounts, useTeam, useTeamClients } from './clients-api';
import './clients.css';

export function ClientsList() {
  const { teamId = '' } = useParams();
  const team = useTeam(teamId);
  const clients = useTeamClients(teamId);
  const items = clients.data?.items ?? [];
  const counts = useCareNeedCounts(items.map((client) => client.id));

  const title = <h1>{t('clients.title', { team: team.data?.name ?? '' })}</h1>;
  const back = (
    <p className="back">
      <Link to={`/teams/${teamId}`}>← {t('clients.backToBoard')}</Link>
    </p>
  );
  if (clients.isPending || team.isPending)
    return (
      <section className="clients">
        {back}
        <Loading />
      </section>
    );
  const failed = clients.error ?? team.error;
  if (failed)
    return (
      <section className="clients">
        {back}
        <ProblemMessage error={failed} onRetry={() => void clients.refetch()} />
      </section>
    );
  return (
    <section className="clients">
      {back}
      {title}
      {items.length === 0 ? (
        <p>{t('clients.none')}</p>
      ) : (
        <ul className="client-list" aria-label={t('clients.link')}>
          {items.map((client, index) => {
            const count = counts[index]?.data;
            return (
              <li key={client.id}>
                <Link to={`/teams/${teamId}/clients/${client.id}`} className="client-name">
                  {client.name}
                </Link>
                {client.archivedAt && <span className="badge">{t('clients.archived')}</span>}
                <span className="client-address">{client.address || t('clients.noAddress')}</span>
                <span className="client-count">
                  {t('clients.careNeedCount')}: {count ?? '…'}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
