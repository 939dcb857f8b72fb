import { ProblemMessage } from '../../components/ProblemMessage';
import { t } from '../../i18n';
import { isStale } from './board-api';

/**
 * The outcome of a write: the API's refusal as it gave it (and, when someone changed the plan
 * first, that the board has reloaded it), or a short confirmation, announced politely.
 */
export function ActionResult({ error, success }: { error: unknown; success: string | null }) {
  return (
    <>
      <ProblemMessage error={error} />
      {Boolean(error) && isStale(error) && <p className="notice">{t('board.reloaded')}</p>}
      <p className={success && !error ? 'success' : 'visually-hidden'} role="status" aria-live="polite">
        {!error && success ? success : ''}
      </p>
    </>
  );
}
