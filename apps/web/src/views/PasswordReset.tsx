import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import { NewPasswordField } from '../components/NewPasswordField';
import { ProblemMessage } from '../components/ProblemMessage';
import { t } from '../i18n';

/**
 * "Forgot your password?": the person gives their email address and is told a link is on its way.
 * The answer is the same whether or not the address has an account, so nobody learns who has one.
 */
export function RequestPasswordReset() {
  const [email, setEmail] = useState('');
  const request = useMutation({
    mutationFn: () => unwrap(api.POST('/auth/password-reset', { body: { email } })),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate();
  };
  return (
    <section className="narrow">
      <h1>{t('passwordReset.title')}</h1>
      {request.isSuccess ? (
        <p role="status">{t('passwordReset.sent')}</p>
      ) : (
        <form onSubmit={submit} className="stack">
          <p>{t('passwordReset.intro')}</p>
          <label>
            {t('signIn.email')}
            <input
              type="email"
              name="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </label>
          <ProblemMessage error={request.error} />
          <button type="submit" className="primary" disabled={request.isPending}>
            {t('passwordReset.send')}
          </button>
        </form>
      )}
      <p>
        <Link to="/sign-in">{t('passwordReset.backToSignIn')}</Link>
      </p>
    </section>
  );
}

/** The emailed link: the person chooses a new password; every earlier sign-in ends. */
export function ChooseNewPassword() {
  const { token = '' } = useParams();
  const [password, setPassword] = useState('');
  const confirm = useMutation({
    mutationFn: () => unwrap(api.POST('/auth/password-reset/confirm', { body: { token, password } })),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    confirm.mutate();
  };
  if (confirm.isSuccess)
    return (
      <section className="narrow">
        <h1>{t('passwordReset.chooseTitle')}</h1>
        <p role="status">{t('passwordReset.done')}</p>
        <p>
          <Link to="/sign-in">{t('signIn.submit')}</Link>
        </p>
      </section>
    );
  return (
    <section className="narrow">
      <h1>{t('passwordReset.chooseTitle')}</h1>
      <form onSubmit={submit} className="stack">
        <NewPasswordField label="passwordReset.newPassword" value={password} onChange={setPassword} />
        <ProblemMessage error={confirm.error} />
        <button type="submit" className="primary" disabled={confirm.isPending}>
          {t('passwordReset.save')}
        </button>
      </form>
      {confirm.error ? (
        <p>
          <Link to="/password-reset">{t('passwordReset.askAgain')}</Link>
        </p>
      ) : null}
    </section>
  );
}
