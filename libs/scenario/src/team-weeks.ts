// A team's weeks one after another, for simulations such as the multi-week benchmark: the same care
// and the same people next week, with the small changes a real team sees (a few shifts moved, a
// caregiver off sick for some days). Pure and deterministic for a given random source.

import { addDays } from './time';
import type { ScenarioCaregiver, ScenarioDocument, TimeWindow } from './types';

type Random = () => number;

/** A local `YYYY-MM-DDTHH:mm` (or a date) moved by whole calendar days, the wall-clock time kept. */
export function shiftLocalText(text: string, days: number): string {
  return `${addDays(text.slice(0, 10), days)}${text.slice(10)}`;
}

/**
 * The same week `weeks` later: period, visits (ids suffixed `@w<n>` so weeks never share an id),
 * availability and wishes moved by 7 days each, pins dropped. Wall-clock times are kept, which is
 * what recurring care and shifts do across a clock change.
 */
export function shiftScenarioWeeks(
  scenario: ScenarioDocument,
  weeks: number,
  label: string,
): ScenarioDocument {
  const days = weeks * 7;
  const moveWindow = <T extends TimeWindow>(window: T): T => ({
    ...window,
    start: shiftLocalText(window.start, days),
    end: shiftLocalText(window.end, days),
  });
  return {
    ...scenario,
    period: {
      start: shiftLocalText(scenario.period.start, days),
      end: shiftLocalText(scenario.period.end, days),
    },
    caregivers: scenario.caregivers.map((caregiver) => ({
      ...caregiver,
      availability: caregiver.availability.map(moveWindow),
      ...(caregiver.wishes ? { wishes: caregiver.wishes.map(moveWindow) } : {}),
    })),
    clients: scenario.clients.map((client) => ({ ...client })),
    visits: scenario.visits.map((visit) => ({
      ...visit,
      id: `${visit.id}@${label}`,
      earliestStart: shiftLocalText(visit.earliestStart, days),
      latestEnd: shiftLocalText(visit.latestEnd, days),
    })),
    pinned: [],
  };
}

const dateOf = (window: TimeWindow): string => window.start.slice(0, 10);

/**
 * Availability that changes a little: `moves` times, a caregiver who works on some date and is free
 * on another gives up that date's shift and offers the same hours on the free date instead (a
 * swapped day, the way people trade days from week to week). Hours offered stay the same. Dates
 * are those of the period (`YYYY-MM-DD`). Returns new caregivers; the input is left as it was.
 */
export function driftAvailability(
  caregivers: ScenarioCaregiver[],
  dates: string[],
  random: Random,
  moves = 2,
): ScenarioCaregiver[] {
  const result = caregivers.map((caregiver) => ({ ...caregiver, availability: [...caregiver.availability] }));
  if (result.length === 0 || dates.length < 2) return result;
  for (let move = 0; move < moves; move++) {
    const caregiver = result[Math.floor(random() * result.length)];
    const worked = [...new Set(caregiver.availability.map(dateOf))].filter((date) => dates.includes(date));
    const free = dates.filter((date) => !worked.includes(date));
    if (worked.length === 0 || free.length === 0) continue;
    const from = worked[Math.floor(random() * worked.length)];
    const to = free[Math.floor(random() * free.length)];
    const offset = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
    caregiver.availability = caregiver.availability
      .map((window) =>
        dateOf(window) === from
          ? {
              ...window,
              start: shiftLocalText(window.start, offset),
              end: shiftLocalText(window.end, offset),
            }
          : window,
      )
      .sort((left, right) => left.start.localeCompare(right.start));
  }
  return result;
}

/** A caregiver off sick on some dates: their availability windows starting on those dates are gone. */
export function withoutCaregiverOn(
  scenario: ScenarioDocument,
  caregiverId: string,
  dates: string[],
): ScenarioDocument {
  const off = new Set(dates);
  return {
    ...scenario,
    caregivers: scenario.caregivers.map((caregiver) =>
      caregiver.id === caregiverId
        ? { ...caregiver, availability: caregiver.availability.filter((window) => !off.has(dateOf(window))) }
        : caregiver,
    ),
  };
}
