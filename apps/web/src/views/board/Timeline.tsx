// The week as a timeline per caregiver. A day: one lane per caregiver, visits as blocks placed on
// the hours' axis, the gaps between them as travel and free time. On a phone the same lists flow
// as plain lists. The week: a table, one row per caregiver and one column per day. Every visit is
// a button that opens its details.
import type { CSSProperties, ReactNode } from 'react';
import { t } from '../../i18n';
import { clockIn, duration, longDay, shortDay } from '../../lib/format';
import type { Plan, PlanAssignment } from './board-api';
import type { BoardModel } from './board-model';
import { lanesForDay, localMoment, positionOn, type CaregiverLane, type LaneItem } from './timeline';

export interface VisitMarks {
  objection: boolean;
  offered: boolean;
}

/** Open objections and offers by visit, for the marks on the blocks. */
export function marksOf(plan: Plan | undefined): (visitId: string) => VisitMarks {
  const objected = new Set(plan?.objections.map((objection) => objection.visitId));
  const offered = new Set(plan?.offers.map((offer) => offer.visitId));
  return (visitId) => ({ objection: objected.has(visitId), offered: offered.has(visitId) });
}

interface TimelineProps {
  model: BoardModel;
  marks: (visitId: string) => VisitMarks;
  selected: string | null;
  onSelect: (visitId: string) => void;
  /**
   * The selected visit's details, shown in place right after its block (on a phone, where a side
   * panel would be far below). Once: at the first lane the visit is in.
   */
  details?: ReactNode;
}

/** Whether `items` hold the visit `visitId`. */
function holds(items: LaneItem<PlanAssignment>[], visitId: string | null): boolean {
  return visitId !== null && items.some((item) => item.kind === 'visit' && item.visit.visitId === visitId);
}

export function CaregiverChip({ model, caregiverId }: { model: BoardModel; caregiverId: string }) {
  const colour = model.colourOf(caregiverId);
  return (
    <span
      className="caregiver-chip"
      style={{ '--chip-bg': colour.background, '--chip-ink': colour.ink } as CSSProperties}
      aria-hidden="true"
    >
      {model.initialsOf(caregiverId)}
    </span>
  );
}

function CaregiverName({ model, caregiverId }: { model: BoardModel; caregiverId: string }) {
  const name = model.nameOf(caregiverId);
  return (
    <span className="caregiver-name">
      <CaregiverChip model={model} caregiverId={caregiverId} />
      {caregiverId === model.me ? t('board.timeline.you', { name }) : name}
    </span>
  );
}

/** The accessible name of a visit's button: client, day and time, and its marks in words. */
export function visitLabel(model: BoardModel, visit: PlanAssignment, marks: VisitMarks): string {
  const base =
    visit.start && visit.end
      ? t('board.timeline.block', {
          client: model.clientName(visit.clientId),
          day: longDay(localMoment(visit.start, model.timeZone).date),
          from: clockIn(visit.start, model.timeZone),
          to: clockIn(visit.end, model.timeZone),
        })
      : model.clientName(visit.clientId);
  const notes = markNotes(visit, marks);
  return notes.length > 0 ? `${base} (${notes.join(', ')})` : base;
}

/** What a block's name adds to its visible text: the day and the marks, in words. */
function visitSuffix(model: BoardModel, visit: PlanAssignment, marks: VisitMarks): string {
  const day = visit.start ? `, ${longDay(localMoment(visit.start, model.timeZone).date)}` : '';
  const notes = markNotes(visit, marks);
  return notes.length > 0 ? `${day} (${notes.join(', ')})` : day;
}

function markNotes(visit: PlanAssignment, marks: VisitMarks): string[] {
  return [
    visit.pinned && t('board.timeline.pinned'),
    marks.objection && t('board.timeline.objection'),
    marks.offered && t('board.timeline.offered'),
    visit.flags.length > 0 && t('board.timeline.flagged'),
  ].filter((note): note is string => Boolean(note));
}

function markClasses(visit: PlanAssignment, marks: VisitMarks): string {
  return [
    visit.pinned && 'is-pinned',
    marks.objection && 'has-objection',
    marks.offered && 'is-offered',
    visit.flags.length > 0 && 'is-flagged',
  ]
    .filter(Boolean)
    .join(' ');
}

/** The glyphs on a block; each is also said in words by the button's name and the legend. */
function MarkGlyphs({ visit, marks }: { visit: PlanAssignment; marks: VisitMarks }) {
  return (
    <span className="marks" aria-hidden="true">
      {visit.pinned && <span className="mark mark-pin">P</span>}
      {marks.objection && <span className="mark mark-objection">!</span>}
      {marks.offered && <span className="mark mark-offer">⇄</span>}
      {visit.flags.length > 0 && <span className="mark mark-flag">⚠</span>}
    </span>
  );
}

function VisitButton({
  model,
  visit,
  marks,
  selected,
  onSelect,
  compact = false,
}: {
  model: BoardModel;
  visit: PlanAssignment;
  marks: VisitMarks;
  selected: boolean;
  onSelect: (visitId: string) => void;
  compact?: boolean;
}) {
  return (
    <button
      type="button"
      className={`visit-block ${markClasses(visit, marks)} ${compact ? 'compact' : ''}`}
      aria-pressed={selected}
      title={visitLabel(model, visit, marks)}
      data-visit-id={visit.visitId}
      onClick={() => onSelect(visit.visitId)}
    >
      {visit.start && visit.end && (
        <span className="visit-time">
          {clockIn(visit.start, model.timeZone)}
          {/* On the day's axis a block is as wide as the visit is long; its start says enough there. */}
          <span className="visit-end">–{clockIn(visit.end, model.timeZone)}</span>
        </span>
      )}
      <span className="visit-client">{model.clientName(visit.clientId)}</span>
      <MarkGlyphs visit={visit} marks={marks} />
      {/* The name is the visible text (WCAG 2.5.3, for voice control) and then what only the eye gets
          from the block's place and glyphs: the day, and its marks in words. */}
      <span className="visually-hidden">{visitSuffix(model, visit, marks)}</span>
    </button>
  );
}

function GapItem({ minutes }: { minutes: number }) {
  return <span className="gap-label">{t('board.timeline.gap', { duration: duration(minutes) })}</span>;
}

export function DayTimeline({
  model,
  date,
  axis,
  ...props
}: TimelineProps & { date: string; axis: { startMinute: number; endMinute: number } }) {
  const lanes = lanesForDay(model.assignments, model.laneIds, date, model.timeZone);
  const { details, ...rest } = props;
  const detailsLane = details ? lanes.find((lane) => holds(lane.items, props.selected)) : undefined;
  const hours: number[] = [];
  for (let minute = axis.startMinute; minute <= axis.endMinute; minute += 60) hours.push(minute);
  return (
    <div className="day-timeline" style={{ '--hours': hours.length - 1 } as CSSProperties}>
      <p className="visually-hidden">{t('board.timeline.caption', { day: longDay(date) })}</p>
      {/* Wide enough to read a half-hour visit; scrolls sideways when the screen is not. */}
      <div className="day-scroll">
        <div className="day-inner">
          <div className="axis" aria-hidden="true">
            <span className="lane-head" />
            <span className="axis-hours">
              {hours.map((minute) => (
                <span
                  key={minute}
                  className="axis-hour"
                  style={{ '--offset': `${positionOn(axis, minute, minute).offset}%` } as CSSProperties}
                >
                  {`${String(Math.floor(minute / 60) % 24).padStart(2, '0')}:00`}
                </span>
              ))}
            </span>
          </div>
          <ul className="lanes">
            {lanes.map((lane) => (
              <Lane
                key={lane.caregiverId}
                lane={lane}
                date={date}
                axis={axis}
                model={model}
                {...rest}
                details={lane === detailsLane ? details : undefined}
              />
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

function Lane({
  lane,
  date,
  axis,
  model,
  marks,
  selected,
  onSelect,
  details,
}: TimelineProps & {
  lane: CaregiverLane<PlanAssignment>;
  date: string;
  axis: { startMinute: number; endMinute: number };
}) {
  const name = model.nameOf(lane.caregiverId);
  return (
    <li className={`lane ${lane.caregiverId === model.me ? 'is-me' : ''}`}>
      <div className="lane-head">
        <CaregiverName model={model} caregiverId={lane.caregiverId} />
        <span className="lane-total">
          {lane.visitMinutes > 0
            ? t('board.timeline.dayTotal', { duration: duration(lane.visitMinutes) })
            : t('board.timeline.noVisits')}
        </span>
      </div>
      {lane.items.length > 0 && (
        <ol className="track" aria-label={t('board.timeline.lane', { name, day: shortDay(date) })}>
          {lane.items.map((item) => (
            <TrackItem
              key={item.kind === 'visit' ? item.visit.visitId : `gap-${item.startMinute}`}
              item={item}
              axis={axis}
              model={model}
              marks={marks}
              selected={selected}
              onSelect={onSelect}
              details={details}
            />
          ))}
        </ol>
      )}
    </li>
  );
}

function TrackItem({
  item,
  axis,
  model,
  marks,
  selected,
  onSelect,
  details,
}: TimelineProps & { item: LaneItem<PlanAssignment>; axis: { startMinute: number; endMinute: number } }) {
  const { offset, width } = positionOn(axis, item.startMinute, item.endMinute);
  const style = { '--offset': `${offset}%`, '--width': `${width}%` } as CSSProperties;
  if (item.kind === 'gap')
    return (
      <li className={`gap ${item.minutes < 30 ? 'short' : ''}`} style={style}>
        <GapItem minutes={item.minutes} />
      </li>
    );
  const isSelected = selected === item.visit.visitId;
  return (
    <>
      <li className="block" style={style}>
        <VisitButton
          model={model}
          visit={item.visit}
          marks={marks(item.visit.visitId)}
          selected={isSelected}
          onSelect={onSelect}
        />
      </li>
      {isSelected && details && <li className="details-in-place">{details}</li>}
    </>
  );
}

/** The whole week: a real table (caregivers × days), each cell the day's visits in order. */
export function WeekTimeline({
  model,
  dates,
  marks,
  selected,
  onSelect,
  details,
}: TimelineProps & { dates: string[] }) {
  const lanesByDay = dates.map((date) => lanesForDay(model.assignments, model.laneIds, date, model.timeZone));
  // The details go to the first cell (row by row, day by day) that holds the visit.
  const detailsCell = details
    ? lanesByDay.flatMap((lanes) => lanes).find((lane) => holds(lane.items, selected))
    : undefined;
  return (
    <div className="table-scroll week-scroll">
      <table className="week-timeline">
        <caption className="visually-hidden">{t('board.timeline.weekCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('board.timeline.caregiver')}</th>
            {dates.map((date) => (
              <th scope="col" key={date}>
                {shortDay(date)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {model.laneIds.map((caregiverId, row) => (
            <tr key={caregiverId} className={caregiverId === model.me ? 'is-me' : ''}>
              <th scope="row">
                <CaregiverName model={model} caregiverId={caregiverId} />
              </th>
              {dates.map((date, column) => {
                const lane = lanesByDay[column][row];
                return (
                  <td key={date}>
                    {lane.items.length === 0 ? (
                      <span className="visually-hidden">{t('board.timeline.noVisits')}</span>
                    ) : (
                      <ol className="week-cell">
                        {lane.items.map((item) =>
                          item.kind === 'gap' ? (
                            <li key={`gap-${item.startMinute}`} className="week-gap">
                              <GapItem minutes={item.minutes} />
                            </li>
                          ) : (
                            <li key={item.visit.visitId}>
                              <VisitButton
                                model={model}
                                visit={item.visit}
                                marks={marks(item.visit.visitId)}
                                selected={selected === item.visit.visitId}
                                onSelect={onSelect}
                                compact
                              />
                              {lane === detailsCell && selected === item.visit.visitId && (
                                <div className="details-in-place">{details}</div>
                              )}
                            </li>
                          ),
                        )}
                      </ol>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Visits nobody has yet, each with the engine's reason: the team's open work. */
export function UnassignedLane({
  model,
  visits,
  marks,
  selected,
  onSelect,
  details,
}: TimelineProps & { visits: PlanAssignment[] }) {
  return (
    <section className="unassigned" aria-labelledby="unassigned-title">
      <h2 id="unassigned-title">{t('board.unassigned.title')}</h2>
      {visits.length === 0 ? (
        <p className="success">{t('board.unassigned.none')}</p>
      ) : (
        <>
          <p>
            {t(visits.length === 1 ? 'board.unassigned.countOne' : 'board.unassigned.count', {
              count: visits.length,
            })}
          </p>
          <ul className="unassigned-list">
            {visits.map((visit) => (
              <li key={visit.visitId}>
                <VisitButton
                  model={model}
                  visit={visit}
                  marks={marks(visit.visitId)}
                  selected={selected === visit.visitId}
                  onSelect={onSelect}
                />
                <p className="reason">
                  {[...visit.explanation, ...visit.flags.map((flag) => flag.message)].join(' ') ||
                    t('board.unassigned.noReason')}
                </p>
                {selected === visit.visitId && details && <div className="details-in-place">{details}</div>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function Legend() {
  return (
    <details className="legend">
      <summary>{t('board.legend.title')}</summary>
      <ul>
        <li>
          <span className="mark mark-pin" aria-hidden="true">
            P
          </span>{' '}
          {t('board.legend.pinned')}
        </li>
        <li>
          <span className="mark mark-objection" aria-hidden="true">
            !
          </span>{' '}
          {t('board.legend.objection')}
        </li>
        <li>
          <span className="mark mark-offer" aria-hidden="true">
            ⇄
          </span>{' '}
          {t('board.legend.offered')}
        </li>
        <li>
          <span className="mark mark-flag" aria-hidden="true">
            ⚠
          </span>{' '}
          {t('board.legend.flagged')}
        </li>
      </ul>
    </details>
  );
}
