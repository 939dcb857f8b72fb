// The generator's vocabulary of a team week: care profiles, names and streets, shifts, local times
// and caregivers' wishes, separate from the week's assembly in generator.ts.
import { Dice } from './generator-dice';
import { isoWeekday, parseLocalDateTime, TimeFormatError } from './time';
import type { CaregiverWish, ScenarioCaregiver } from './types';

export const CARE_PROFILES = [
  'morning-care',
  'morning-evening',
  'medication-3x',
  'wound-care',
  'weekly-shower',
  'double-up',
  'complex-nursing',
  'evening-care',
] as const;
export type CareProfile = (typeof CARE_PROFILES)[number];

/** How common each profile is in a typical district team's caseload. */
export const PROFILE_WEIGHTS: Array<[CareProfile, number]> = [
  ['morning-care', 30],
  ['morning-evening', 18],
  ['medication-3x', 14],
  ['wound-care', 10],
  ['weekly-shower', 12],
  ['double-up', 5],
  ['complex-nursing', 5],
  ['evening-care', 6],
];

// prettier-ignore
export const FIRST_NAMES = [
  'Anna', 'Bram', 'Carla', 'Daan', 'Eva', 'Fatima', 'Gerrit', 'Hanna', 'Ilse', 'Jasper', 'Kim', 'Lotte',
  'Mehmet', 'Noor', 'Olga', 'Pieter', 'Quinty', 'Rosa', 'Sanne', 'Tim', 'Umar', 'Vera', 'Wim', 'Yara',
  'Zeynep', 'Anouk', 'Bas', 'Demi', 'Esra', 'Femke', 'Joost', 'Khadija', 'Lieke', 'Marloes', 'Nadia',
  'Ruben', 'Sevda', 'Thijs', 'Wendy', 'Youssef',
];
// prettier-ignore
export const LAST_NAMES = [
  'de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos',
  'Peters', 'Hendriks', 'van Leeuwen', 'Dekker', 'Brouwer', 'de Wit', 'Dijkstra', 'Smits', 'de Graaf',
  'van der Meer', 'Kok', 'Jacobs', 'de Haan', 'Vermeulen', 'van den Berg', 'Koster', 'Yilmaz', 'El Amrani',
  'Prins',
];
// prettier-ignore
export const STREETS = [
  'Linnaeusstraat', 'Kastanjelaan', 'Beukenweg', 'Dapperstraat', 'Wagenaarstraat', 'Pontanusstraat',
  'Javaplein', 'Molukkenstraat', 'Tweede Oosterparkstraat', 'Iepenweg', 'Eikenplein', 'Vrolikstraat',
  'Commelinstraat', 'Reinwardtstraat', 'Celebesstraat', 'Sumatrastraat', 'Borneostraat', 'Ringdijk',
  'Populierenweg', 'Wijttenbachstraat',
];
export const INITIALS = 'ABCDEFGHJKLMNPRSTW';

export type ShiftName = 'early' | 'late' | 'day' | 'split';
export type Bucket = 'early' | 'mid' | 'late';
export const SHIFTS: Record<ShiftName, Array<[string, string]>> = {
  early: [['07:00', '13:00']],
  late: [['16:00', '22:00']],
  day: [['09:00', '17:00']],
  split: [
    ['07:00', '11:00'],
    ['17:00', '21:30'],
  ],
};
export const SHIFT_COVERS: Record<ShiftName, Bucket[]> = {
  early: ['early', 'mid'],
  late: ['late'],
  day: ['mid'],
  split: ['early', 'late'],
};
/** Minutes of each part of the day in which its visits can be done. */
export const BUCKET_MINUTES: Record<Bucket, number> = { early: 210, mid: 300, late: 240 };
/** Rough travel and handover allowance per visit when sizing the offered shifts. */
export const OVERHEAD_MINUTES = 8;
export const MAX_MINUTES_PER_DAY = 600;

export const clockMinutes = (hhmm: string): number =>
  Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
export const shiftMinutes = (name: ShiftName): number =>
  SHIFTS[name].reduce((total, [from, to]) => total + clockMinutes(to) - clockMinutes(from), 0);
export const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/**
 * A wall-clock time that exists on `day` in `timeZone`: the time itself, or the first minute after
 * a spring-forward gap that swallows it (the team simply starts when the clocks allow).
 */
export function existingLocalTime(
  day: string,
  hhmm: string,
  timeZone: string,
): { text: string; instant: number } {
  const base = clockMinutes(hhmm);
  for (let shift = 0; shift <= 180; shift += 5) {
    const minute = base + shift;
    if (minute >= 24 * 60) break;
    const text = `${day}T${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
    try {
      return { text, instant: parseLocalDateTime(text, timeZone) };
    } catch (error) {
      if (!(error instanceof TimeFormatError) || error.kind !== 'nonexistent') throw error;
    }
  }
  throw new TimeFormatError(`no existing time near ${day}T${hhmm} in ${timeZone}`, 'nonexistent');
}

/**
 * What a caregiver asks for: no evenings on two weekdays, no weekends, or mornings on weekdays
 * (each for some of the team; a few ask for two of them).
 */
export function addWishes(caregiver: ScenarioCaregiver, days: string[], timeZone: string, dice: Dice): void {
  const wishes: CaregiverWish[] = [];
  const add = (day: string, from: string, to: string, kind: CaregiverWish['kind']): void => {
    const start = existingLocalTime(day, from, timeZone);
    const end = existingLocalTime(day, to, timeZone);
    if (end.instant > start.instant) wishes.push({ start: start.text, end: end.text, kind });
  };
  if (dice.next() < 0.35) {
    const [first, second] = dice.shuffle([1, 2, 3, 4, 5]);
    for (const day of days)
      if (isoWeekday(day) === first || isoWeekday(day) === second) add(day, '18:00', '23:30', 'avoid');
  }
  if (dice.next() < 0.25)
    for (const day of days) if (isoWeekday(day) >= 6) add(day, '06:00', '23:30', 'avoid');
  if (dice.next() < 0.2)
    for (const day of days) if (isoWeekday(day) <= 5) add(day, '07:00', '13:00', 'prefer');
  if (wishes.length) caregiver.wishes = wishes;
}
