// The expanded availability (GET /caregivers/{id}/availability) laid out per local day, and the
// shape of a dated span for its label. Pure: local times in, numbers and flags out.
import type { components } from '../../api/schema';
import { addDays, dateOf, minutesOf, timeOf } from './local-dates';

const DAY_MINUTES = 24 * 60;

export interface LocalSpan {
  /** Local `YYYY-MM-DDTHH:mm` in the team's zone. */
  start: string;
  end: string;
}

export interface DayPiece {
  /** The whole window's local times, for its label. */
  start: string;
  end: string;
  /** Part of the day it covers, in minutes since local midnight (for the bar). */
  fromMinute: number;
  toMinute: number;
  /** It began the day before / goes on into the next day. */
  continued: boolean;
  continues: boolean;
  source: string;
}

export interface PreviewDay {
  date: string;
  pieces: DayPiece[];
}

/** `count` days from `from`, each with the parts of the windows that fall on it. */
export function previewDays<T extends LocalSpan & { source: string }>(
  windows: readonly T[],
  from: string,
  count: number,
): PreviewDay[] {
  const days: PreviewDay[] = [];
  for (let offset = 0; offset < count; offset++) {
    const date = addDays(from, offset);
    const pieces: DayPiece[] = [];
    for (const window of windows) {
      const startDate = dateOf(window.start);
      const endDate = dateOf(window.end);
      // On this day: starts on or before it, and ends after its midnight (an end at 00:00 of this
      // day belongs to the day before).
      if (startDate > date || endDate < date) continue;
      if (endDate === date && timeOf(window.end) === '00:00') continue;
      const continued = startDate < date;
      const continues = endDate > date;
      pieces.push({
        start: window.start,
        end: window.end,
        fromMinute: continued ? 0 : minutesOf(timeOf(window.start)),
        toMinute: continues ? DAY_MINUTES : minutesOf(timeOf(window.end)),
        continued,
        continues,
        source: window.source,
      });
    }
    pieces.sort((left, right) => left.fromMinute - right.fromMinute);
    days.push({ date, pieces });
  }
  return days;
}

export type SpanShape =
  | { kind: 'all-day'; first: string; last: string }
  | { kind: 'same-day'; date: string; from: string; to: string }
  | { kind: 'across-days'; startDate: string; from: string; endDate: string; to: string };

/** How to say a dated span: whole days, times on one day, or from one day to another. */
export function spanShape(span: LocalSpan): SpanShape {
  const startDate = dateOf(span.start);
  const endDate = dateOf(span.end);
  if (timeOf(span.start) === '00:00' && timeOf(span.end) === '00:00' && endDate > startDate)
    return { kind: 'all-day', first: startDate, last: addDays(endDate, -1) };
  if (startDate === endDate)
    return { kind: 'same-day', date: startDate, from: timeOf(span.start), to: timeOf(span.end) };
  return { kind: 'across-days', startDate, from: timeOf(span.start), endDate, to: timeOf(span.end) };
}

export interface ExceptionForm {
  availability: 'unavailable' | 'available';
  date: string;
  allDay: boolean;
  /** With allDay: the last day off ('' = the same day). */
  lastDate: string;
  from: string;
  until: string;
  kind: components['schemas']['CreateExceptionDto']['kind'];
  note: string;
}

/**
 * The span a form stands for, as local times: a whole-day one runs from 00:00 of its first day to
 * 00:00 after its last. Whether it is valid is the API's to say.
 */
export function spanOfForm(form: ExceptionForm): LocalSpan {
  if (form.allDay) {
    if (!form.date) return { start: '', end: '' };
    return { start: `${form.date}T00:00`, end: `${addDays(form.lastDate || form.date, 1)}T00:00` };
  }
  return { start: `${form.date}T${form.from}`, end: `${form.date}T${form.until}` };
}
