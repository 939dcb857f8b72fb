import { problemOf } from '../api/problem';
import { t } from '../i18n';

/**
 * The API's reason for a refusal, as it gave it (title, detail and each field problem), announced
 * to screen readers. Nothing is shown when there is no error.
 */
export function ProblemMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (!error) return null;
  const problem = problemOf(error);
  return (
    <div className="problem" role="alert">
      <p className="problem-title">{problem.title}</p>
      {problem.detail && problem.detail !== problem.title && <p>{problem.detail}</p>}
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
