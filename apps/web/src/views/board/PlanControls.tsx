// The plan as a whole: start one for a period, and the members' plan-level actions (open the
// review, consent, ask for a recompute, publish). Which are offered follows the plan's status; the
// API decides, and its refusal is shown.
import { useState, type FormEvent } from 'react';
import { ProblemMessage } from '../../components/ProblemMessage';
import { now } from '../../clock';
import { t } from '../../i18n';
import { ActionResult } from './ActionResult';
import {
  doneMessage,
  isComputing,
  useCreatePlan,
  usePlanAction,
  type Plan,
  type PlanAction,
} from './board-api';
import type { BoardModel } from './board-model';

/** Monday to Sunday of next week, as local dates (a sensible first guess; people change it). */
function nextWeek(): { periodStart: string; periodEnd: string } {
  const today = now();
  const monday = new Date(Date.UTC(today.getFullYear(), today.getMonth(), today.getDate()));
  monday.setUTCDate(monday.getUTCDate() + ((8 - monday.getUTCDay()) % 7 || 7));
  const sunday = new Date(monday);
  sunday.setUTCDate(monday.getUTCDate() + 6);
  return { periodStart: monday.toISOString().slice(0, 10), periodEnd: sunday.toISOString().slice(0, 10) };
}

export function StartPlan({ teamId, onStarted }: { teamId: string; onStarted: (planId: string) => void }) {
  const create = useCreatePlan(teamId);
  const [period, setPeriod] = useState(nextWeek);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(period, { onSuccess: (plan) => onStarted(plan.id) });
  };
  return (
    <form className="stack start-plan" onSubmit={submit}>
      <div className="row">
        <label>
          {t('board.periodStart')}
          <input
            type="date"
            required
            value={period.periodStart}
            onChange={(event) => setPeriod({ ...period, periodStart: event.target.value })}
          />
        </label>
        <label>
          {t('board.periodEnd')}
          <input
            type="date"
            required
            value={period.periodEnd}
            onChange={(event) => setPeriod({ ...period, periodEnd: event.target.value })}
          />
        </label>
      </div>
      <ProblemMessage error={create.error} />
      <div>
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? t('board.starting') : t('board.startPlan')}
        </button>
      </div>
    </form>
  );
}

export function PlanActions({ plan, model, readOnly }: { plan: Plan; model: BoardModel; readOnly: boolean }) {
  const action = usePlanAction(plan);
  const [done, setDone] = useState<string | null>(null);
  const run = (next: PlanAction) => {
    setDone(null);
    action.mutate(next, { onSuccess: () => setDone(doneMessage(next.kind)) });
  };
  const me = model.me;
  const member = plan.members.find((candidate) => candidate.caregiverId === me);
  const computing = isComputing(plan);
  const open = ['proposal', 'in-review', 'agreed'].includes(plan.status);
  const busy = action.isPending;

  let note: string | null = null;
  if (me === null && plan.members.length > 0) note = t('board.coordinatorNote');
  else if (!member) note = t('board.notMember');

  return (
    <section className="plan-actions" aria-labelledby="plan-actions-title">
      <h2 id="plan-actions-title" className="visually-hidden">
        {t('board.actions.title')}
      </h2>
      {note && <p className="notice">{note}</p>}
      {member && !readOnly && (
        <div className="row">
          {plan.status === 'proposal' && plan.currentVersion > 0 && (
            <button
              type="button"
              className="primary"
              disabled={busy || computing}
              onClick={() => run({ kind: 'review' })}
            >
              {t('board.actions.review')}
            </button>
          )}
          {plan.status === 'in-review' &&
            (member.consented ? (
              <p className="success">{t('board.actions.consented', { version: plan.currentVersion })}</p>
            ) : (
              <button
                type="button"
                className="primary"
                disabled={busy || computing}
                onClick={() => run({ kind: 'consent' })}
              >
                {t('board.actions.consent', { version: plan.currentVersion })}
              </button>
            ))}
          {plan.status === 'agreed' && (
            <button
              type="button"
              className="primary"
              disabled={busy || computing}
              onClick={() => run({ kind: 'publish' })}
            >
              {t('board.actions.publish', { version: plan.currentVersion })}
            </button>
          )}
          {open && plan.currentVersion > 0 && (
            <button type="button" disabled={busy || computing} onClick={() => run({ kind: 'recompute' })}>
              {t('board.actions.recompute')}
            </button>
          )}
        </div>
      )}
      {member && !readOnly && plan.status === 'proposal' && plan.currentVersion > 0 && (
        <p className="hint-text">{t('board.actions.reviewHint')}</p>
      )}
      {member && !readOnly && plan.status === 'agreed' && (
        <p className="hint-text">{t('board.actions.publishHint')}</p>
      )}
      {plan.status === 'published' && plan.publishedVersion !== null && (
        <p className="success">{t('board.actions.published', { version: plan.publishedVersion })}</p>
      )}
      <ActionResult error={action.error} success={done} />
    </section>
  );
}
