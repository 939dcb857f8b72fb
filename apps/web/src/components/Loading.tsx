import { t } from '../i18n';

export function Loading() {
  return (
    <p className="loading" role="status" aria-live="polite">
      {t('app.loading')}
    </p>
  );
}
