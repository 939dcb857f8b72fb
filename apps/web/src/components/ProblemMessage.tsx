import { problemOf, reasonOf } from '../api/problem';
import { t } from '../i18n';

/**
 * Why something was refused, in plain words (the catalogue's text for the API's code, so no ids or
 * server English), with each field problem; announced to screen readers. The API's own detail is
 * shown only for a refusal the catalogue does not know. Nothing is shown when there is no error.
 */
export function ProblemMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (!error) return null;
  const problem = problemOf(error);
  const reason = reasonOf(problem);
  return (
    <div className="problem" role="alert">
      <p className="problem-title">{reason}</p>
      {reason === problem.title && problem.detail && problem.detail !== problem.title && (
        <p>{problem.detail}</p>
      )}
      {problem.problems && problem.problems.length > 0 && (
        <ul>
          {problem.problems.map((field) => (
            <li key={`${field.path}:${field.message}`}>
              {t('error.field', { field: field.path, message: field.message })}
            </li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('error.retry')}
        </button>
      )}
    </div>
  );
}
