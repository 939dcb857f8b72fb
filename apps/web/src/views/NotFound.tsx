import { Link } from 'react-router';
import { t } from '../i18n';

export function NotFound() {
  return (
    <section>
      <h1>{t('app.notFound')}</h1>
      <p>
        <Link to="/">{t('app.backHome')}</Link>
      </p>
    </section>
  );
}
