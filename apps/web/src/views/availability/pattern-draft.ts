// The weekly pattern as the page edits it, and back to the body of PUT .../availability/pattern.
// The API judges it (overlaps, formats); this only keeps track of which row a refusal is about.

import type { FieldProblem } from '../../api/problem';
import type { components } from '../../api/schema';

/** ISO weekday 1-7 and local `HH:mm`; an end at or before the start ends the next day. */
export type PatternWindow = components['schemas']['PatternWindowDto'];

/** One editable row; `key` stays the same while the row exists (React keys, refusals). */
export interface DraftWindow extends PatternWindow {
  key: string;
}

export interface PatternDraft {
  validFrom: string;
  /** '' when open-ended. */
  validUntil: string;
  windows: DraftWindow[];
}

export type PatternBody = components['schemas']['ReplacePatternDto'];

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

let counter = 0;
/** A key for a new row, unique within the page. */
export function newRowKey(): string {
  counter += 1;
  return `row-${counter}`;
}

/** The draft of a saved pattern; a caregiver without one starts from `today`. */
export function draftOf(
  pattern: { validFrom: string | null; validUntil: string | null; windows: PatternWindow[] },
  today: string,
): PatternDraft {
  return {
    validFrom: pattern.validFrom ?? today,
    validUntil: pattern.validUntil ?? '',
    windows: pattern.windows.map((window) => ({
      key: newRowKey(),
      weekday: window.weekday,
      start: window.start,
      end: window.end,
    })),
  };
}

/** The rows of one weekday, in the order they were added. */
export function rowsOf(draft: PatternDraft, weekday: number): DraftWindow[] {
  return draft.windows.filter((window) => window.weekday === weekday);
}

/**
 * The body to PUT, windows in weekday order, with the row key of each index of `windows` (the API
 * names a refused window by its index: `$.windows[3].start`).
 */
export function bodyOf(draft: PatternDraft): { body: PatternBody; keys: string[] } {
  const ordered = WEEKDAYS.flatMap((weekday) => rowsOf(draft, weekday));
  return {
    body: {
      validFrom: draft.validFrom,
      validUntil: draft.validUntil === '' ? null : draft.validUntil,
      windows: ordered.map(({ weekday, start, end }) => ({ weekday, start, end })),
    },
    keys: ordered.map((window) => window.key),
  };
}

/** Whether the draft differs from what is saved (same windows in any order, same dates). */
export function isChanged(draft: PatternDraft, saved: PatternDraft): boolean {
  const signature = (value: PatternDraft) =>
    JSON.stringify([
      value.validFrom,
      value.validUntil,
      value.windows.map((window) => `${window.weekday} ${window.start} ${window.end}`).sort(),
    ]);
  return signature(draft) !== signature(saved);
}

/** Where a refusal belongs on the page: a row (and maybe its start or end), a date, or nowhere known. */
export interface PlacedProblems {
  /** `rowKey` for the whole row, `rowKey.start` / `rowKey.end` for one of its times. */
  byField: Map<string, string[]>;
  /** Problems of paths the page has no field for: shown with the summary. */
  unplaced: FieldProblem[];
}

const WINDOW_PATH = /^\$\.windows\[(\d+)\](?:\.(start|end|weekday))?$/;

/**
 * Places the API's field problems next to the rows they are about. `describe` turns the index of
 * a window into words ("Tuesday 08:00-12:00"), for messages that mention another window by index.
 */
export function placeProblems(
  problems: readonly FieldProblem[],
  keys: readonly string[],
  describe: (index: number) => string | undefined,
): PlacedProblems {
  const byField = new Map<string, string[]>();
  const unplaced: FieldProblem[] = [];
  const add = (field: string, message: string) =>
    byField.set(field, [...(byField.get(field) ?? []), message]);
  for (const problem of problems) {
    const message = problem.message.replace(/windows\[(\d+)\]/g, (whole, index: string) => {
      return describe(Number(index)) ?? whole;
    });
    if (problem.path === '$.validFrom' || problem.path === '$.validUntil') {
      add(problem.path.slice(2), message);
      continue;
    }
    const match = WINDOW_PATH.exec(problem.path);
    const key = match ? keys[Number(match[1])] : undefined;
    if (!match || key === undefined) {
      unplaced.push({ path: problem.path, message });
      continue;
    }
    const part = match[2];
    add(part === 'start' || part === 'end' ? `${key}.${part}` : key, message);
  }
  return { byField, unplaced };
}
