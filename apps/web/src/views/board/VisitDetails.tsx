// One visit's details and what the signed-in member may try on it. The board offers the actions
// that make sense for who they are (their own visit, an unassigned one, an offer to them); Claim and
// Offer only where the API says they would pass (who could take the visit, by the engine's checker).
// The API still decides; its refusal is shown in plain words, its rules named without ids.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { t } from '../../i18n';
import { clockIn, longDay } from '../../lib/format';
import { doneMessage, usePlanAction, type Plan, type PlanAction, type PlanAssignment } from './board-api';
import type { BoardModel } from './board-model';
import { ActionResult } from './ActionResult';
import { CaregiverChip } from './Timeline';
import { useVisitCandidates } from './candidates';
import { RefusalReasons, WhoCouldTake } from './WhoCouldTake';
import { localMoment } from './timeline';

const OPEN_FOR_CHANGES = ['proposal', 'in-review', 'agreed'];

export function VisitDetails({
  plan,
  visit,
  model,
  readOnly,
  onClose,
}: {
  plan: Plan;
  visit: PlanAssignment;
  model: BoardModel;
  readOnly: boolean;
  onClose: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const action = usePlanAction(plan);
  const [done, setDone] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [offerTo, setOfferTo] = useState('');
  const [note, setNote] = useState('');

  // Opening another visit moves focus to its details (keyboard and screen-reader users follow).
  useEffect(() => {
    heading.current?.focus();
  }, [visit.visitId]);

  const run = (next: PlanAction) => {
    setDone(null);
    action.mutate(next, {
      onSuccess: () => {
        setDone(doneMessage(next.kind));
        setReason('');
        setNote('');
      },
    });
  };

  const me = model.me;
  const isMember = me !== null && plan.members.some((member) => member.caregiverId === me);
  const mine = me !== null && visit.caregiverIds.includes(me);
  const objections = plan.objections.filter((objection) => objection.visitId === visit.visitId);
  const myObjection = objections.find((objection) => objection.caregiverId === me);
  // A colleague may claim a visit its caregiver objected to: the claim takes it over from the
  // first (oldest) objector still on it, as the API does.
  const claimFrom =
    me !== null && !mine
      ? objections.find((objection) => visit.caregiverIds.includes(objection.caregiverId))
      : undefined;
  const offers = plan.offers.filter(
    (offer) => offer.visitId === visit.visitId || offer.exchangeVisitId === visit.visitId,
  );
  const myOffer = offers.find((offer) => offer.fromCaregiverId === me && offer.visitId === visit.visitId);
  const canAct = isMember && !readOnly && OPEN_FOR_CHANGES.includes(plan.status);
  const candidates = useVisitCandidates(plan, visit.visitId, !readOnly);
  const you = candidates.data?.you;
  // Offered to colleagues who could take it; everyone when the list is not there (the API decides).
  const able = new Set(
    candidates.data?.candidates.filter((entry) => entry.able).map((entry) => entry.caregiverId) ?? [],
  );
  const colleagues = plan.members.filter(
    (member) => member.caregiverId !== me && able.has(member.caregiverId),
  );
  const clientName = model.clientName(visit.clientId);
  const busy = action.isPending;

  const object = (event: FormEvent) => {
    event.preventDefault();
    run({ kind: 'object', visitId: visit.visitId, reason });
  };
  const offer = (event: FormEvent) => {
    event.preventDefault();
    run({
      kind: 'offer',
      visitId: visit.visitId,
      toCaregiverId: offerTo || undefined,
      note: note || undefined,
    });
  };

  return (
    <section className="visit-details" aria-labelledby="visit-details-title">
      <div className="details-head">
        <h2 id="visit-details-title" ref={heading} tabIndex={-1}>
          {t('board.details.title', { client: clientName })}
        </h2>
        <button type="button" onClick={onClose}>
          {t('board.details.close')}
        </button>
      </div>
      <dl className="facts">
        <dt>{t('board.details.when')}</dt>
        <dd>
          {visit.start && visit.end
            ? `${longDay(localMoment(visit.start, model.timeZone).date)}, ${clockIn(visit.start, model.timeZone)}–${clockIn(visit.end, model.timeZone)}`
            : t('board.details.unplanned')}
        </dd>
        <dt>{t('board.details.who')}</dt>
        <dd>
          {visit.caregiverIds.length === 0 ? (
            t('board.details.nobody')
          ) : (
            <ul className="plain">
              {visit.caregiverIds.map((caregiverId) => (
                <li key={caregiverId}>
                  <CaregiverChip model={model} caregiverId={caregiverId} />{' '}
                  <span>{model.nameOf(caregiverId)}</span>
                </li>
              ))}
            </ul>
          )}
        </dd>
        {visit.explanation.length > 0 && (
          <>
            <dt>{t('board.details.why')}</dt>
            <dd>
              <ul className="plain">
                {visit.explanation.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {visit.flags.length > 0 && (
          <>
            <dt>{t('board.details.flags')}</dt>
            <dd>
              <ul className="plain warning">
                {visit.flags.map((flag) => (
                  <li key={`${flag.rule}-${flag.caregiverId}`}>{flag.message}</li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
      {visit.pinned && <p className="notice">{t('board.details.pinned')}</p>}

      {!readOnly && (
        <WhoCouldTake
          answer={candidates.data}
          loading={candidates.isPending && candidates.fetchStatus !== 'idle'}
          error={candidates.error}
          model={model}
          client={clientName}
        />
      )}

      {objections.length > 0 && (
        <>
          <h3>{t('board.details.objections')}</h3>
          <ul className="plain">
            {objections.map((objection) => (
              <li key={objection.id} className="objection">
                {t('board.details.objectionBy', {
                  name: model.nameOf(objection.caregiverId),
                  reason: objection.reason,
                })}
              </li>
            ))}
          </ul>
        </>
      )}

      {offers.length > 0 && (
        <>
          <h3>{t('board.details.offers')}</h3>
          <ul className="plain offers">
            {offers.map((item) => {
              const forMe =
                item.toCaregiverId === me || (item.toCaregiverId === null && item.fromCaregiverId !== me);
              return (
                <li key={item.id}>
                  <p>
                    {item.toCaregiverId
                      ? t('board.details.offerTo', {
                          from: model.nameOf(item.fromCaregiverId),
                          to: model.nameOf(item.toCaregiverId),
                        })
                      : t('board.details.offerToTeam', { from: model.nameOf(item.fromCaregiverId) })}
                    {item.note && ` ${t('board.details.offerNote', { note: item.note })}`}
                  </p>
                  {canAct && (
                    <div className="row">
                      {forMe && (
                        <button
                          type="button"
                          className="primary"
                          disabled={busy}
                          onClick={() => run({ kind: 'accept-offer', offerId: item.id })}
                        >
                          {t('board.details.accept')}
                        </button>
                      )}
                      {item.toCaregiverId === me && (
                        <button
                          type="button"
                          disabled={busy}
                          onClick={() => run({ kind: 'decline-offer', offerId: item.id })}
                        >
                          {t('board.details.decline')}
                        </button>
                      )}
                      {item.fromCaregiverId === me && (
                        <button
                          type="button"
                          disabled={busy}
                          onClick={() => run({ kind: 'decline-offer', offerId: item.id })}
                        >
                          {t('board.details.withdrawOffer')}
                        </button>
                      )}
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}

      {readOnly && <p className="notice">{t('board.details.readOnly')}</p>}
      {canAct && (
        <div className="stack details-actions">
          <h3>{t('board.details.actions')}</h3>
          <div className="row">
            {visit.caregiverIds.length > 0 &&
              (visit.pinned ? (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => run({ kind: 'unpin', visitId: visit.visitId })}
                >
                  {t('board.details.unpin')}
                </button>
              ) : (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => run({ kind: 'pin', visitId: visit.visitId })}
                >
                  {t('board.details.pin')}
                </button>
              ))}
            {you?.canClaim && !claimFrom && (
              <button
                type="button"
                className="primary"
                disabled={busy}
                onClick={() => run({ kind: 'claim', visitId: visit.visitId })}
              >
                {t('board.details.claim')}
              </button>
            )}
            {you?.canClaim && claimFrom && (
              <button
                type="button"
                className="primary"
                disabled={busy}
                // The API takes the visit over from its first objector; the new version answers the objection.
                onClick={() => run({ kind: 'claim', visitId: visit.visitId })}
              >
                {t('board.details.claimObjected', { name: model.nameOf(claimFrom.caregiverId) })}
              </button>
            )}
            {myObjection && (
              <button
                type="button"
                disabled={busy}
                onClick={() => run({ kind: 'withdraw-objection', objectionId: myObjection.id })}
              >
                {t('board.details.withdraw')}
              </button>
            )}
          </div>

          {mine && !myObjection && (
            <form className="stack" onSubmit={object}>
              <label>
                {t('board.details.objectReason')}
                <textarea
                  required
                  maxLength={1000}
                  rows={2}
                  value={reason}
                  onChange={(event) => setReason(event.target.value)}
                />
              </label>
              <button type="submit" className="danger" disabled={busy}>
                {t('board.details.object')}
              </button>
            </form>
          )}

          {mine && !myOffer && !visit.pinned && you?.canOffer && (
            <form className="stack" onSubmit={offer}>
              <h4>{t('board.details.offerTitle')}</h4>
              <label>
                {t('board.details.offerToWhom')}
                <select value={offerTo} onChange={(event) => setOfferTo(event.target.value)}>
                  <option value="">{t('board.details.offerAnyone')}</option>
                  {colleagues.map((member) => (
                    <option key={member.caregiverId} value={member.caregiverId}>
                      {model.nameOf(member.caregiverId)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('board.details.offerNoteLabel')}
                <input maxLength={500} value={note} onChange={(event) => setNote(event.target.value)} />
              </label>
              <button type="submit" disabled={busy}>
                {t('board.details.offer')}
              </button>
            </form>
          )}
        </div>
      )}
      <ActionResult error={action.error} success={done} />
      <RefusalReasons error={action.error} model={model} />
    </section>
  );
}
