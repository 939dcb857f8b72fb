// The board's side panels: who has consented, open objections and offers, the key figures next to
// the previous version's, and each client's caregivers this period (continuity at a glance).
import type { CSSProperties } from 'react';
import { t, type MessageKey } from '../../i18n';
import { clockIn, duration, shortDay } from '../../lib/format';
import type { Plan, PlanVersionSummary } from './board-api';
import type { BoardModel } from './board-model';
import { compareKpis, type KpiRow } from './kpis';
import { CaregiverChip } from './Timeline';
import { continuityOf, localMoment } from './timeline';

export function MembersPanel({ plan, model }: { plan: Plan; model: BoardModel }) {
  const consented = plan.members.filter((member) => member.consented).length;
  return (
    <section aria-labelledby="members-title" className="panel">
      <h2 id="members-title">{t('board.members.title')}</h2>
      <p>{t('board.members.summary', { count: consented, total: plan.members.length })}</p>
      <ul className="plain members">
        {plan.members.map((member) => (
          <li key={member.caregiverId}>
            <CaregiverChip model={model} caregiverId={member.caregiverId} />
            <span>
              {member.caregiverId === model.me ? t('board.timeline.you', { name: member.name }) : member.name}
            </span>
            <span className={member.consented ? 'consent yes' : 'consent no'}>
              {member.consented ? `✓ ${t('board.members.consented')}` : t('board.members.waiting')}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function when(model: BoardModel, visitId: string): string {
  const visit = model.visit(visitId);
  if (!visit?.start) return t('board.details.unplanned');
  return `${shortDay(localMoment(visit.start, model.timeZone).date)} ${clockIn(visit.start, model.timeZone)}`;
}

export function OpenItemsPanel({
  plan,
  model,
  onSelect,
}: {
  plan: Plan;
  model: BoardModel;
  onSelect: (visitId: string) => void;
}) {
  const empty = plan.objections.length === 0 && plan.offers.length === 0;
  return (
    <section aria-labelledby="open-title" className="panel">
      <h2 id="open-title">{t('board.open.title')}</h2>
      {empty ? (
        <p>{t('board.open.none')}</p>
      ) : (
        <ul className="plain open-items">
          {plan.objections.map((objection) => (
            <li key={objection.id} className="objection">
              <span>
                {t('board.open.objection', {
                  name: model.nameOf(objection.caregiverId),
                  client: model.clientName(model.visit(objection.visitId)?.clientId ?? null),
                  when: when(model, objection.visitId),
                  reason: objection.reason,
                })}
              </span>
              <button type="button" onClick={() => onSelect(objection.visitId)}>
                {t('board.open.show')}
                <span className="visually-hidden">
                  {' '}
                  {model.clientName(model.visit(objection.visitId)?.clientId ?? null)}
                </span>
              </button>
            </li>
          ))}
          {plan.offers.map((offer) => (
            <li key={offer.id} className="offer">
              <span>
                {t('board.open.offer', {
                  from: model.nameOf(offer.fromCaregiverId),
                  client: model.clientName(model.visit(offer.visitId)?.clientId ?? null),
                  when: when(model, offer.visitId),
                  to: offer.toCaregiverId ? model.nameOf(offer.toCaregiverId) : t('board.open.team'),
                })}
              </span>
              <button type="button" onClick={() => onSelect(offer.visitId)}>
                {t('board.open.show')}
                <span className="visually-hidden">
                  {' '}
                  {model.clientName(model.visit(offer.visitId)?.clientId ?? null)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function formatKpi(row: KpiRow, value: number | null): string {
  if (value === null) return t('board.kpis.unknown');
  switch (row.unit) {
    case 'share':
      return `${Math.round(value * 1000) / 10} %`;
    case 'minutes':
      return duration(value);
    case 'count':
      return String(Math.round(value));
    case 'number':
      return value.toFixed(2);
  }
}

/**
 * The shown version's figures next to the previous computed version's. Figures come with engine
 * versions only; after a manual edit the latest computed ones are shown, and the caption says so.
 */
export function KpiPanel({ versions, shown }: { versions: PlanVersionSummary[]; shown: number }) {
  const computed = versions.filter((version) => version.number <= shown && version.kpis !== null);
  const current = computed.at(-1);
  const previous = computed.at(-2);
  return (
    <section aria-labelledby="kpis-title" className="panel">
      <h2 id="kpis-title">{t('board.kpis.title')}</h2>
      {!current ? (
        <p>{t('board.kpis.none')}</p>
      ) : (
        <>
          {current.number !== shown && (
            <p className="hint-text">{t('board.kpis.editNote', { version: current.number })}</p>
          )}
          <div className="table-scroll">
            <table className="kpis">
              <caption>
                {previous
                  ? t('board.kpis.caption', { current: current.number, previous: previous.number })
                  : t('board.kpis.captionFirst', { current: current.number })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('board.kpis.figure')}</th>
                  <th scope="col" className="number">
                    {t('board.kpis.current', { version: current.number })}
                  </th>
                  {previous && (
                    <>
                      <th scope="col" className="number">
                        {t('board.kpis.previous', { version: previous.number })}
                      </th>
                      <th scope="col">{t('board.kpis.change')}</th>
                    </>
                  )}
                </tr>
              </thead>
              <tbody>
                {compareKpis(current.kpis, previous?.kpis).map((row) => (
                  <tr key={row.key}>
                    <th scope="row">{t(`board.kpi.${row.key}` as MessageKey)}</th>
                    <td className="number">{formatKpi(row, row.current)}</td>
                    {previous && (
                      <>
                        <td className="number">{formatKpi(row, row.previous)}</td>
                        <td className={`trend ${row.trend}`}>
                          {row.trend === 'better' ? '▲ ' : row.trend === 'worse' ? '▼ ' : ''}
                          {t(`board.kpis.${row.trend}`)}
                        </td>
                      </>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

export function ContinuityPanel({ model }: { model: BoardModel }) {
  const clients = continuityOf(model.assignments, (clientId) => model.clientName(clientId));
  return (
    <section aria-labelledby="continuity-title" className="panel continuity">
      <h2 id="continuity-title">{t('board.continuity.title')}</h2>
      {clients.length === 0 ? (
        <p>{t('board.continuity.none')}</p>
      ) : (
        <>
          <p className="hint-text">{t('board.continuity.caption')}</p>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('board.continuity.client')}</th>
                  <th scope="col">{t('board.continuity.caregivers')}</th>
                </tr>
              </thead>
              <tbody>
                {clients.map((client) => (
                  <tr key={client.clientId}>
                    <th scope="row">{model.clientName(client.clientId)}</th>
                    <td>
                      <ul className="chips">
                        {client.caregivers.map((entry) => {
                          const colour = model.colourOf(entry.caregiverId);
                          return (
                            <li
                              key={entry.caregiverId}
                              className="continuity-chip"
                              style={
                                { '--chip-bg': colour.background, '--chip-ink': colour.ink } as CSSProperties
                              }
                              title={model.nameOf(entry.caregiverId)}
                            >
                              <span aria-hidden="true">
                                {model.initialsOf(entry.caregiverId)} ×{entry.visits}
                              </span>
                              <span className="visually-hidden">
                                {t('board.continuity.chip', {
                                  name: model.nameOf(entry.caregiverId),
                                  count: entry.visits,
                                })}
                              </span>
                            </li>
                          );
                        })}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
