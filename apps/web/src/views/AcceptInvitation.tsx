import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import { Loading } from '../components/Loading';
import { NewPasswordField } from '../components/NewPasswordField';
import { ProblemMessage } from '../components/ProblemMessage';
import { t } from '../i18n';
import { dateTime } from '../lib/format';
import { session } from '../session/store';

/** An invitee opens the link from their email, chooses a password and is signed in. */
export function AcceptInvitation() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const preview = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => unwrap(api.GET('/invitations/{token}', { params: { path: { token } } })),
  });
  const accept = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/invitations/{token}/accept', {
          params: { path: { token } },
          body: { password, ...(name.trim() ? { name: name.trim() } : {}) },
        }),
      ),
    onSuccess: async (answer) => {
      session.start(answer);
      await navigate('/', { replace: true });
    },
  });

  if (preview.isPending) return <Loading />;
  if (preview.error) {
    return (
      <section className="narrow">
        <h1>{t('invitation.title')}</h1>
        <p>{t('invitation.invalid')}</p>
        <ProblemMessage error={preview.error} />
      </section>
    );
  }
  const invitation = preview.data;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    accept.mutate();
  };
  return (
    <section className="narrow">
      <h1>{t('invitation.title')}</h1>
      <p>
        {invitation.kind === 'caregiver' && t('invitation.caregiver', { team: invitation.teamName ?? '' })}
        {invitation.kind === 'family' && t('invitation.family', { client: invitation.clientFirstName ?? '' })}
        {invitation.kind === 'coordinator' &&
          t('invitation.coordinator', { organisation: invitation.organisationName ?? '' })}
      </p>
      {invitation.inviterFirstName && <p>{t('invitation.from', { name: invitation.inviterFirstName })}</p>}
      <p>{t('invitation.expires', { date: dateTime(invitation.expiresAt) })}</p>
      <form onSubmit={submit} className="stack">
        <label>
          {t('invitation.name')}
          <input
            name="name"
            autoComplete="name"
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        <NewPasswordField label="invitation.password" value={password} onChange={setPassword} />
        <ProblemMessage error={accept.error} />
        <button type="submit" className="primary" disabled={accept.isPending}>
          {t('invitation.submit')}
        </button>
      </form>
    </section>
  );
}
