// /teams/:teamId/clients/:clientId: one client of the team with their details, care needs, wishes
// about caregivers and who knows them; a coordinator changes them and can archive the client.
// Only the actions the API allows the signed-in role are offered.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Loading } from '../../components/Loading';
import { ProblemMessage } from '../../components/ProblemMessage';
import { t } from '../../i18n';
import { dateTime } from '../../lib/format';
import { useUser } from '../../session/use-session';
import { ConfirmDialog } from '../hours/ConfirmDialog';
import { mayEditClients } from './access';
import { CareNeeds } from './CareNeeds';
import { CaregiverWishes } from './CaregiverWishes';
import { useArchiveClient, useClient, useUpdateClient, type ClientWithHistory } from './clients-api';
import { WhoKnows } from './WhoKnows';
import './clients.css';

export function ClientPage() {
  const { teamId = '', clientId = '' } = useParams();
  const user = useUser();
  const client = useClient(clientId);
  const back = (
    <p className="back">
      <Link to={`/teams/${teamId}/clients`}>← {t('clients.back')}</Link>
    </p>
  );
  if (client.isPending)
    return (
      <section className="clients">
        {back}
        <Loading />
      </section>
    );
  if (client.error)
    return (
      <section className="clients">
        {back}
        <ProblemMessage error={client.error} onRetry={() => void client.refetch()} />
      </section>
    );
  const current = client.data;
  const editable = mayEditClients(user) && current.archivedAt === null;
  return (
    <section className="clients">
      {back}
      <h1>{current.name}</h1>
      {current.archivedAt ? (
        <p className="notice">{t('clients.archivedOn', { date: dateTime(current.archivedAt) })}</p>
      ) : (
        !mayEditClients(user) && <p className="hint-line">{t('clients.readOnly')}</p>
      )}
      <Details client={current} editable={editable} />
      <CareNeeds clientId={clientId} teamId={teamId} editable={editable} />
      <CaregiverWishes client={current} teamId={teamId} editable={editable} />
      <WhoKnows clientId={clientId} name={current.name} />
      {editable && <Archive client={current} />}
    </section>
  );
}

function Details({ client, editable }: { client: ClientWithHistory; editable: boolean }) {
  const [name, setName] = useState(client.name);
  const [address, setAddress] = useState(client.address);
  const [notes, setNotes] = useState(client.notes);
  const update = useUpdateClient(client.id);
  return (
    <section aria-labelledby="details-title" className="client-section">
      <h2 id="details-title">{t('clients.details')}</h2>
      {editable ? (
        <form
          className="stack"
          onSubmit={(event) => {
            event.preventDefault();
            update.mutate({ name, address, notes });
          }}
        >
          <label>
            {t('clients.name')}
            <input value={name} onChange={(event) => setName(event.target.value)} autoComplete="off" />
          </label>
          <label>
            {t('clients.address')}
            <input value={address} onChange={(event) => setAddress(event.target.value)} autoComplete="off" />
          </label>
          <label>
            {t('clients.notes')}
            <textarea value={notes} rows={3} onChange={(event) => setNotes(event.target.value)} />
          </label>
          <ProblemMessage error={update.error} />
          <p role="status" aria-live="polite" className="status-line">
            {update.isSuccess && <span className="success">{t('clients.saved')}</span>}
          </p>
          <div className="row">
            <button type="submit" className="primary" disabled={update.isPending}>
              {update.isPending ? t('clients.saving') : t('clients.save')}
            </button>
          </div>
        </form>
      ) : (
        <dl className="client-facts">
          <dt>{t('clients.address')}</dt>
          <dd>{client.address || t('clients.noAddress')}</dd>
          <dt>{t('clients.notes')}</dt>
          <dd>{client.notes || t('clients.noNotes')}</dd>
        </dl>
      )}
    </section>
  );
}

function Archive({ client }: { client: ClientWithHistory }) {
  const [asking, setAsking] = useState(false);
  const archive = useArchiveClient(client.id);
  return (
    <section className="client-section">
      <button
        type="button"
        className="danger"
        onClick={() => {
          archive.reset();
          setAsking(true);
        }}
      >
        {t('archive.button')}
      </button>
      {/* Mounted only while asking: one dialog on the page at a time (they share their ids). */}
      {asking && (
        <ConfirmDialog
          open
          title={t('archive.title', { name: client.name })}
          confirmLabel={t('archive.confirm')}
          busy={archive.isPending}
          error={archive.error}
          onConfirm={() => archive.mutate(undefined, { onSuccess: () => setAsking(false) })}
          onCancel={() => setAsking(false)}
        >
          <p>{t('archive.body')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
