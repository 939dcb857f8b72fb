import { createRandom, generateScenario } from './generator';
import { driftAvailability, shiftLocalText, shiftScenarioWeeks, withoutCaregiverOn } from './team-weeks';
import { datesBetween, parseLocalDateTime } from './time';
import type { ScenarioCaregiver, TimeWindow } from './types';
import { validateScenario } from './validate';

const minutesOf = (windows: TimeWindow[], timeZone: string): number =>
  windows.reduce(
    (total, window) =>
      total + parseLocalDateTime(window.end, timeZone) - parseLocalDateTime(window.start, timeZone),
    0,
  );
const datesOf = (caregiver: ScenarioCaregiver): string[] =>
  [...new Set(caregiver.availability.map((window) => window.start.slice(0, 10)))].sort();

describe("a team's next weeks", () => {
  const week = generateScenario({ seed: 5, caregivers: 6, clients: 15 });

  it('moves local times by whole days, keeping the wall-clock time, across month ends', () => {
    expect(shiftLocalText('2026-11-30T07:00', 7)).toBe('2026-12-07T07:00');
    expect(shiftLocalText('2026-12-28T22:00', 7)).toBe('2027-01-04T22:00');
    expect(shiftLocalText('2026-12-28', -7)).toBe('2026-12-21');
  });

  it('gives the same week later with its own visit ids, still a valid scenario', () => {
    const later = shiftScenarioWeeks(week, 2, 'w3');
    expect(later.period.start).toBe(shiftLocalText(week.period.start, 14));
    expect(later.visits).toHaveLength(week.visits.length);
    expect(later.visits[0].id).toBe(`${week.visits[0].id}@w3`);
    expect(later.visits[0].earliestStart.slice(10)).toBe(week.visits[0].earliestStart.slice(10));
    const result = validateScenario(later);
    expect(result.ok ? [] : result.problems.slice(0, 3)).toEqual([]);
  });

  it('drifts availability a little: a few shifts move to a free date, the hours offered stay', () => {
    const dates = datesBetween(week.period.start, week.period.end);
    const drifted = driftAvailability(week.caregivers, dates, createRandom(3), 2);
    const moved = drifted.filter(
      (caregiver, index) => datesOf(caregiver).join() !== datesOf(week.caregivers[index]).join(),
    );
    expect(moved.length).toBeGreaterThanOrEqual(1);
    expect(moved.length).toBeLessThanOrEqual(2);
    drifted.forEach((caregiver, index) => {
      expect(minutesOf(caregiver.availability, week.timezone)).toBe(
        minutesOf(week.caregivers[index].availability, week.timezone),
      );
      expect(datesOf(caregiver).every((date) => dates.includes(date))).toBe(true);
    });
    // the input is left as it was, and the same dice drift the same way
    expect(driftAvailability(week.caregivers, dates, createRandom(3), 2)).toEqual(drifted);
    expect(week.caregivers).toEqual(generateScenario({ seed: 5, caregivers: 6, clients: 15 }).caregivers);
  });

  it('takes a sick caregiver off on the given dates only', () => {
    const caregiver = week.caregivers[0];
    const [first, ...rest] = datesOf(caregiver);
    const sick = withoutCaregiverOn(week, caregiver.id, [first]);
    expect(datesOf(sick.caregivers[0])).toEqual(rest);
    expect(sick.caregivers.slice(1)).toEqual(week.caregivers.slice(1));
  });
});
