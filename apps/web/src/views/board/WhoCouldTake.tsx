// "Who could take this": the team tried on the visit by the API (the engine's checker), those who
// could first, then by how well the client knows them; for the others, why not, in plain words.
import { ProblemMessage } from '../../components/ProblemMessage';
import { problemOf } from '../../api/problem';
import { t } from '../../i18n';
import { clockIn } from '../../lib/format';
import type { BoardModel } from './board-model';
import { reasonText, violationsOf, type VisitCandidate, type VisitCandidates } from './candidates';
import { CaregiverChip } from './Timeline';

function continuity(candidate: VisitCandidate, client: string): string {
  if (candidate.preferred) return t('swap.preferred', { client });
  if (candidate.knownVisits === 1) return t('swap.knownOne', { client });
  if (candidate.knownVisits > 1) return t('swap.known', { client, count: candidate.knownVisits });
  return t('swap.stranger', { client });
}

export function WhoCouldTake({
  answer,
  loading,
  error,
  model,
  client,
}: {
  answer: VisitCandidates | undefined;
  loading: boolean;
  error: unknown;
  model: BoardModel;
  client: string;
}) {
  return (
    <section className="who-could-take" aria-labelledby="who-could-take-title">
      <h3 id="who-could-take-title">{t('swap.title')}</h3>
      {loading && <p role="status">{t('swap.loading')}</p>}
      <ProblemMessage error={error} />
      {answer && answer.candidates.length === 0 && <p>{t('swap.none')}</p>}
      {answer && answer.candidates.length > 0 && (
        <>
          <p>
            {t('swap.summary', {
              count: answer.candidates.filter((candidate) => candidate.able).length,
              total: answer.candidates.length,
            })}
          </p>
          <ol className="plain candidates">
            {answer.candidates.map((candidate) => {
              const name = model.nameOf(candidate.caregiverId);
              return (
                <li
                  key={candidate.caregiverId}
                  className={candidate.able ? 'candidate is-able' : 'candidate is-unable'}
                  data-caregiver-id={candidate.caregiverId}
                >
                  <CaregiverChip model={model} caregiverId={candidate.caregiverId} />{' '}
                  <strong>{candidate.caregiverId === model.me ? t('swap.you', { name }) : name}</strong>
                  {': '}
                  <span>
                    {candidate.able && candidate.start
                      ? t('swap.able', { time: clockIn(candidate.start, model.timeZone) })
                      : t('swap.unable')}
                  </span>
                  {' · '}
                  <span className="continuity">{continuity(candidate, client)}</span>
                  {candidate.reasons.length > 0 && (
                    <ul className="reasons">
                      {candidate.reasons.map((reason, index) => (
                        <li key={`${reason.code}-${index}`}>{reasonText(reason)}</li>
                      ))}
                    </ul>
                  )}
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}

/** A refusal's rules in plain words, each with the caregiver's name (under the catalogue's text). */
export function RefusalReasons({ error, model }: { error: unknown; model: BoardModel }) {
  if (!error) return null;
  const reasons = violationsOf(problemOf(error));
  if (reasons.length === 0) return null;
  return (
    <div className="refusal-reasons">
      <p>{t('swap.refusedBecause')}</p>
      <ul>
        {reasons.map((reason, index) => (
          <li key={`${reason.code}-${reason.caregiverId ?? ''}-${index}`}>
            {reason.caregiverId ? `${model.nameOf(reason.caregiverId)}: ` : ''}
            {reasonText(reason)}
          </li>
        ))}
      </ul>
    </div>
  );
}
