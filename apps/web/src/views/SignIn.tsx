import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import { ProblemMessage } from '../components/ProblemMessage';
import { t } from '../i18n';
import { session } from '../session/store';
import { useUser } from '../session/use-session';

export function SignIn() {
  const user = useUser();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: () => unwrap(api.POST('/auth/login', { body: { email, password } })),
    onSuccess: async (answer) => {
      session.start(answer);
      await navigate(from, { replace: true });
    },
  });
  if (user && !signIn.isPending) return <Navigate to={from} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate();
  };
  return (
    <section className="narrow">
      <h1>{t('signIn.title')}</h1>
      {session.endedReason === 'expired' && <p className="notice">{t('signIn.sessionEnded')}</p>}
      <form onSubmit={submit} className="stack">
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
        <label>
          {t('signIn.password')}
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        <ProblemMessage error={signIn.error} />
        <button type="submit" className="primary" disabled={signIn.isPending}>
          {signIn.isPending ? t('signIn.busy') : t('signIn.submit')}
        </button>
      </form>
      <p>
        <Link to="/password-reset">{t('signIn.forgotPassword')}</Link>
      </p>
    </section>
  );
}
