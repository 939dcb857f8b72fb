// Two versions side by side: which visits changed caregiver or time, and why (GET .../diff).
import { useState } from 'react';
import { Loading } from '../../components/Loading';
import { ProblemMessage } from '../../components/ProblemMessage';
import { t } from '../../i18n';
import { clockIn, shortDay } from '../../lib/format';
import { useDiff, type PlanVersionSummary } from './board-api';
import type { BoardModel } from './board-model';
import { changeKindOf, localMoment, readableReason } from './timeline';

function stateText(model: BoardModel, state: { caregiverIds: string[]; start: string | null }): string {
  if (state.caregiverIds.length === 0 || !state.start) return t('board.diff.nobody');
  const names = state.caregiverIds.map((id) => model.nameOf(id)).join(', ');
  return `${names}, ${shortDay(localMoment(state.start, model.timeZone).date)} ${clockIn(state.start, model.timeZone)}`;
}

/** "Mevr. Vos (Mon 23 Nov 07:00)" for a visit of the plan. */
export function describeVisit(model: BoardModel, visitId: string): string | undefined {
  const visit = model.visit(visitId);
  if (!visit) return undefined;
  const client = model.clientName(visit.clientId);
  if (!visit.start) return client;
  return `${client} (${shortDay(localMoment(visit.start, model.timeZone).date)} ${clockIn(visit.start, model.timeZone)})`;
}

export function DiffView({
  planId,
  versions,
  model,
}: {
  planId: string;
  versions: PlanVersionSummary[];
  model: BoardModel;
}) {
  const last = versions.at(-1)?.number ?? 0;
  const [choice, setChoice] = useState<{ from?: number; to?: number }>({});
  // Until someone chooses, compare the latest version with the one before it.
  const from = choice.from ?? Math.max(last - 1, 1);
  const to = choice.to ?? last;
  const diff = useDiff(planId, versions.length > 1 ? from : undefined, versions.length > 1 ? to : undefined);

  return (
    <section aria-labelledby="diff-title" className="diff-view">
      <h2 id="diff-title">{t('board.diff.title')}</h2>
      {versions.length < 2 ? (
        <p>{t('board.diff.needTwo')}</p>
      ) : (
        <>
          <div className="row">
            <label>
              {t('board.diff.from')}
              <select value={from} onChange={(event) => setChoice({ from: Number(event.target.value), to })}>
                {versions.map((version) => (
                  <option key={version.number} value={version.number}>
                    {t('board.versionOption', {
                      number: version.number,
                      kind: t(`board.kind.${version.kind as 'computed'}`),
                    })}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('board.diff.to')}
              <select value={to} onChange={(event) => setChoice({ from, to: Number(event.target.value) })}>
                {versions.map((version) => (
                  <option key={version.number} value={version.number}>
                    {t('board.versionOption', {
                      number: version.number,
                      kind: t(`board.kind.${version.kind as 'computed'}`),
                    })}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div aria-live="polite">
            {diff.isPending ? (
              <Loading />
            ) : diff.error ? (
              <ProblemMessage error={diff.error} onRetry={() => void diff.refetch()} />
            ) : diff.data.changes.length === 0 ? (
              <p>{t('board.diff.none')}</p>
            ) : (
              <>
                <p>
                  {t('board.diff.count', {
                    count: diff.data.changedCount,
                    from: diff.data.from,
                    to: diff.data.to,
                  })}
                </p>
                {diff.data.caregiverChangedCount > 0 && (
                  <>
                    <h3>{t('board.diff.caregiverChanges', { count: diff.data.caregiverChangedCount })}</h3>
                    <ChangesTable
                      model={model}
                      changes={diff.data.changes.filter((change) => !onlyTimeMoved(change))}
                    />
                  </>
                )}
                {diff.data.timeMovedCount > 0 && (
                  <details className="time-moves" open={diff.data.caregiverChangedCount === 0}>
                    <summary>{t('board.diff.timeMoves', { count: diff.data.timeMovedCount })}</summary>
                    <ChangesTable
                      model={model}
                      changes={diff.data.changes.filter((change) => onlyTimeMoved(change))}
                    />
                  </details>
                )}
              </>
            )}
          </div>
        </>
      )}
    </section>
  );
}

type DiffChange = NonNullable<ReturnType<typeof useDiff>['data']>['changes'][number];

/** Same caregivers before and after: only the time moved (grouped after the caregiver changes). */
const onlyTimeMoved = (change: DiffChange): boolean =>
  [...change.before.caregiverIds].sort().join(',') === [...change.after.caregiverIds].sort().join(',');

function ChangesTable({ model, changes }: { model: BoardModel; changes: DiffChange[] }) {
  return (
    <div className="table-scroll">
      <table className="diff-table">
        <thead>
          <tr>
            <th scope="col">{t('board.diff.client')}</th>
            <th scope="col">{t('board.diff.change')}</th>
            <th scope="col">{t('board.diff.before')}</th>
            <th scope="col">{t('board.diff.after')}</th>
            <th scope="col">{t('board.diff.why')}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change) => (
            <tr key={change.visitId}>
              <th scope="row">{model.clientName(model.visit(change.visitId)?.clientId ?? null)}</th>
              <td>{t(`board.diff.kind.${changeKindOf(change)}`)}</td>
              <td>{stateText(model, change.before)}</td>
              <td>{stateText(model, change.after)}</td>
              <td>
                <ul className="plain">
                  {change.why.map((why) => (
                    <li key={`${why.version}-${why.reason}`}>
                      {t('board.versionOption', {
                        number: why.version,
                        kind: readableReason(why.reason, (id) => describeVisit(model, id)),
                      })}
                    </li>
                  ))}
                  {change.flags.map((flag) => (
                    <li key={flag.message} className="warning-text">
                      {flag.message}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
