import type { Language } from '../shared';
import type { PublishedChange } from '../published-roster';

const LOCALE: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

/** "Anna", "Anna and Bram", "Anna, Bram en Cees" in the language (English when not given). */
export function listNames(names: string[], language: Language = 'en'): string {
  return new Intl.ListFormat(LOCALE[language], { type: 'conjunction' }).format(names);
}

/** "07:30" of an instant in the zone, or "di 8 dec 07:30" with its date. */
export function localTime(
  iso: string | Date,
  timeZone: string,
  language: Language,
  withDate: boolean,
): string {
  const at = new Date(iso);
  const time = new Intl.DateTimeFormat(LOCALE[language], {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(at);
  if (!withDate) return time;
  const date = new Intl.DateTimeFormat(LOCALE[language], {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone,
  }).format(at);
  return `${date} ${time}`;
}

const localDate = (iso: string, timeZone: string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(iso),
  );

const WORDS = {
  nl: {
    new: 'Nieuw in de planning',
    colleague: 'een collega',
    instead: (added: string, removed: string, many: boolean) =>
      `${many ? 'Nieuwe zorgverleners' : 'Nieuwe zorgverlener'}: ${added} in plaats van ${removed}`,
    also: (names: string) => `Komt ook: ${names}`,
    noLonger: (names: string) => `Komt niet meer: ${names}`,
    moved: (from: string, to: string) => `Verplaatst van ${from} naar ${to}`,
  },
  en: {
    new: 'New in the plan',
    colleague: 'a colleague',
    instead: (added: string, removed: string, many: boolean) =>
      `New caregiver${many ? 's' : ''}: ${added} instead of ${removed}`,
    also: (names: string) => `Also coming: ${names}`,
    noLonger: (names: string) => `No longer coming: ${names}`,
    moved: (from: string, to: string) => `Moved from ${from} to ${to}`,
  },
} as const;

/**
 * What changed in one published visit since the reader last looked, in plain words of their
 * language, or null when nothing they can see changed: "Nieuwe zorgverlener: Anna in plaats van
 * Bram", "Verplaatst van 08:00 naar 08:30". First names only; times are local to the team.
 */
export function changeNote(
  change: PublishedChange,
  firstNames: Map<string, string>,
  timeZone: string,
  language: Language = 'nl',
): string | null {
  const words = WORDS[language];
  const { before, after } = change;
  if (!after) return null;
  if (!before) return words.new;
  const notes: string[] = [];
  const nameOf = (caregiverId: string) => firstNames.get(caregiverId) ?? words.colleague;
  const added = after.caregiverIds.filter((id) => !before.caregiverIds.includes(id)).map(nameOf);
  const removed = before.caregiverIds.filter((id) => !after.caregiverIds.includes(id)).map(nameOf);
  const names = (list: string[]) => listNames(list, language);
  if (added.length > 0 && removed.length > 0)
    notes.push(words.instead(names(added), names(removed), added.length > 1));
  else if (added.length > 0) notes.push(words.also(names(added)));
  else if (removed.length > 0) notes.push(words.noLonger(names(removed)));
  if (before.plannedStart !== after.plannedStart) {
    const otherDay = localDate(before.plannedStart, timeZone) !== localDate(after.plannedStart, timeZone);
    notes.push(
      words.moved(
        localTime(before.plannedStart, timeZone, language, otherDay),
        localTime(after.plannedStart, timeZone, language, otherDay),
      ),
    );
  }
  return notes.length > 0 ? notes.join('; ') : null;
}
