// The engine's reasons (roster-reasons.ts) in words, Dutch first and English second. Dates and
// times through Intl in the team's zone ("di 8 dec. 07:30", 24-hour clock), never ISO dates or ids.
import type {
  RosterBreach,
  RosterLimit,
  RosterReason,
  RosterReasonCode,
  RosterReasonParams,
} from './roster-reasons';

export type ReasonLanguage = 'nl' | 'en';

const LOCALE: Record<ReasonLanguage, string> = { nl: 'nl-NL', en: 'en-GB' };

/** "di 8 dec. 07:30" / "Tue 8 Dec 07:30" of an ISO instant in `zone`. */
export function formatInstant(iso: string, zone: string, language: ReasonLanguage, withDate = true): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const time = new Intl.DateTimeFormat(LOCALE[language], {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: zone,
  }).format(at);
  if (!withDate) return time;
  const date = new Intl.DateTimeFormat(LOCALE[language], {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: zone,
  }).format(at);
  return `${date} ${time}`;
}

/** "di 8 dec." / "Tue 8 Dec" of a local date `YYYY-MM-DD`. */
export function formatLocalDate(date: string, language: ReasonLanguage): string {
  const at = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(at.getTime())) return '';
  return new Intl.DateTimeFormat(LOCALE[language], {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(at);
}

const localDay = (iso: string, zone: string): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));

/** A visit's window: "di 8 dec. 07:30–09:00", with the end's date only when it is another day. */
function windowOf(params: RosterReasonParams, language: ReasonLanguage): string {
  const zone = params.zone ?? 'UTC';
  if (!params.from || !params.to) return '';
  const sameDay = localDay(params.from, zone) === localDay(params.to, zone);
  return `${formatInstant(params.from, zone, language)}–${formatInstant(params.to, zone, language, sameDay === false)}`;
}

/** 570 minutes: "9 uur 30" / "9h30". */
export function formatDuration(minutes: number, language: ReasonLanguage): string {
  const hours = Math.floor(minutes / 60);
  const rest = String(Math.round(minutes % 60)).padStart(2, '0');
  return language === 'nl' ? `${hours}:${rest} uur` : `${hours}h${rest}`;
}

/** "Anna, Bram en Cees" / "Anna, Bram and Cees", the first five and how many more. */
export function listNames(names: readonly string[], language: ReasonLanguage): string {
  const shown = names.slice(0, 5);
  const rest = names.length - shown.length;
  if (rest > 0) shown.push(language === 'nl' ? `${rest} anderen` : `${rest} more`);
  return new Intl.ListFormat(LOCALE[language], { type: 'conjunction' }).format(shown);
}

const NUMBERS: Record<ReasonLanguage, string[]> = {
  nl: ['geen', 'één', 'twee', 'drie', 'vier', 'vijf', 'zes', 'zeven', 'acht', 'negen', 'tien'],
  en: ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'],
};
const spell = (value: number, language: ReasonLanguage): string =>
  NUMBERS[language][value] ?? new Intl.NumberFormat(LOCALE[language]).format(value);

const RULE_NAMES: Record<ReasonLanguage, Record<string, string>> = {
  nl: {
    skill: 'vaardigheid',
    overlap: 'dubbel ingepland',
    availability: 'beschikbaarheid',
    window: 'tijdvak',
    rest: 'rusttijd',
    'max-week': 'uren per week',
    'max-day': 'uren per dag',
    'consecutive-days': 'dagen achter elkaar',
    excluded: 'uitgesloten door de cliënt',
  },
  en: {
    skill: 'skill',
    overlap: 'double booking',
    availability: 'availability',
    window: 'time window',
    rest: 'rest',
    'max-week': 'hours a week',
    'max-day': 'hours a day',
    'consecutive-days': 'days in a row',
    excluded: 'excluded by the client',
  },
};

/** The rule a caregiver would break, in words. */
export function describeBreach(breach: RosterBreach, zone: string, language: ReasonLanguage): string {
  const d = (minutes: number) => formatDuration(minutes, language);
  const date = (value: string) => formatLocalDate(value, language);
  const nl = language === 'nl';
  switch (breach.rule) {
    case 'rest': {
      const time = formatInstant(breach.at, zone, language, false);
      const rest = d(Math.max(0, breach.rest));
      if (nl)
        return breach.side === 'after'
          ? `zou maar ${rest} rust hebben na een laat bezoek op ${date(breach.date)} tot ${time}, minder dan de vereiste ${d(breach.required)}`
          : `zou maar ${rest} rust hebben voor een vroeg bezoek op ${date(breach.date)} om ${time}, minder dan de vereiste ${d(breach.required)}`;
      return breach.side === 'after'
        ? `would have ${rest} rest after the late visit on ${date(breach.date)} until ${time}, less than the ${d(breach.required)} required`
        : `would have ${rest} rest before the early visit on ${date(breach.date)} at ${time}, less than the ${d(breach.required)} required`;
    }
    case 'consecutive-days':
      return nl
        ? `zou ${breach.run} dagen achter elkaar werken, ${date(breach.firstDate)} tot en met ${date(breach.lastDate)}, meer dan de toegestane ${breach.limit}`
        : `would work ${breach.run} days in a row, ${date(breach.firstDate)} to ${date(breach.lastDate)}, more than the ${breach.limit} allowed`;
    case 'max-week':
      return nl
        ? `zou ${d(breach.worked)} werken in de week van ${date(breach.week)}, meer dan de ${d(breach.limit)} van het contract`
        : `would work ${d(breach.worked)} in the week of ${date(breach.week)}, more than the contract's ${d(breach.limit)}`;
    case 'max-day':
      return nl
        ? `zou ${d(breach.worked)} werken op ${date(breach.date)}, meer dan de ${d(breach.limit)} per dag`
        : `would work ${d(breach.worked)} on ${date(breach.date)}, more than the ${d(breach.limit)} allowed a day`;
  }
}

const limitsText = (limits: RosterLimit[] | undefined, zone: string, language: ReasonLanguage): string =>
  listNames(
    (limits ?? []).map((limit) => `${limit.caregiver} ${describeBreach(limit.breach, zone, language)}`),
    language,
  );

type Render = (p: RosterReasonParams, l: ReasonLanguage) => string;

/** The details of a visit nobody could fit in: who was busy, who a rule kept away. */
function obstacles(p: RosterReasonParams, language: ReasonLanguage): string {
  const parts: string[] = [];
  const busy = p.busy ?? [];
  if (busy.length)
    parts.push(
      language === 'nl'
        ? `${listNames(busy, 'nl')} ${busy.length === 1 ? 'heeft' : 'hebben'} dan andere bezoeken`
        : `${listNames(busy, 'en')} ${busy.length === 1 ? 'is' : 'are'} busy with other visits then`,
    );
  if (p.limits?.length) parts.push(limitsText(p.limits, p.zone ?? 'UTC', language));
  return parts.join('; ');
}

const skillsText = (p: RosterReasonParams, language: ReasonLanguage): string =>
  p.skills?.length
    ? language === 'nl'
      ? `met de vaardigheid ${listNames(p.skills, 'nl')} `
      : `with skill ${p.skills.join(' and ')} `
    : '';

const TEXTS: Record<RosterReasonCode, Record<ReasonLanguage, Render>> = {
  pinned: { nl: () => 'vastgezet door het team', en: () => 'pinned by the team' },
  'kept-from-previous': {
    nl: () => 'zo gebleven uit het vorige rooster',
    en: () => 'kept from the previous roster',
  },
  'critical-first': {
    nl: () => 'onmisbaar bezoek: vóór alle andere ingepland',
    en: () => 'critical visit: planned before all others',
  },
  'knows-client': {
    nl: (p) => `kent de cliënt (${p.count === 1 ? '1 eerder bezoek' : `${p.count} eerdere bezoeken`})`,
    en: (p) => `knows the client (${p.count} earlier visit${p.count === 1 ? '' : 's'})`,
  },
  'preferred-by-client': { nl: () => 'de voorkeur van de cliënt', en: () => 'preferred by the client' },
  'already-visits-client': {
    nl: (p) =>
      `komt ${p.period === 'week' ? 'deze week' : 'deze periode'} al bij deze cliënt (${p.count === 1 ? '1 ander bezoek' : `${p.count} andere bezoeken`})`,
    en: (p) =>
      `already visits this client ${p.period === 'week' ? 'this week' : 'this period'} (${p.count} other visit${p.count === 1 ? '' : 's'})`,
  },
  'same-address': {
    nl: () => 'is voor het vorige bezoek al op dit adres',
    en: () => 'already at this address for the previous visit',
  },
  'travel-from-previous': {
    nl: (p) => `${p.minutes} min reizen vanaf het vorige bezoek`,
    en: (p) => `${p.minutes} min travel from the previous visit`,
  },
  'first-of-shift': { nl: () => 'eerste bezoek van de dienst', en: () => 'first visit of this shift' },
  'skills-and-free': {
    nl: () => 'heeft de vaardigheden en is dan vrij',
    en: () => 'has the skills and is free then',
  },
  'kept-away-by-rule': {
    nl: (p) => `niet ${p.caregiver}: ${p.breach ? describeBreach(p.breach, p.zone ?? 'UTC', 'nl') : ''}`,
    en: (p) => `not ${p.caregiver}: ${p.breach ? describeBreach(p.breach, p.zone ?? 'UTC', 'en') : ''}`,
  },
  'pinned-breaks-rule': {
    nl: (p) => `vastgezet gehouden, al breekt het een regel (${RULE_NAMES.nl[p.rule ?? ''] ?? 'een regel'})`,
    en: (p) => `kept as pinned although it breaks a rule (${RULE_NAMES.en[p.rule ?? ''] ?? 'a rule'})`,
  },
  'no-caregivers': {
    nl: (p) => `het team heeft nog geen zorgverleners (${windowOf(p, 'nl')})`,
    en: (p) => `the team has no caregivers yet (${windowOf(p, 'en')})`,
  },
  'no-skill': {
    nl: (p) =>
      `niemand in het team heeft de vaardigheid ${listNames(p.skills ?? [], 'nl')} die dit bezoek vraagt (${windowOf(p, 'nl')})`,
    en: (p) =>
      `nobody in the team has the skill ${(p.skills ?? []).join(' and ')} this visit needs (${windowOf(p, 'en')})`,
  },
  'none-available': {
    nl: (p) => `geen zorgverlener ${skillsText(p, 'nl')}is beschikbaar op ${windowOf(p, 'nl')}`,
    en: (p) => `no caregiver ${skillsText(p, 'en')}is available on ${windowOf(p, 'en')}`,
  },
  'excluded-or-objected': {
    nl: (p) => {
      const who =
        (p.available ?? []).length === 1
          ? `de enige zorgverlener ${skillsText(p, 'nl')}die dan vrij is (${listNames(p.available ?? [], 'nl')})`
          : `de ${spell((p.available ?? []).length, 'nl')} zorgverleners ${skillsText(p, 'nl')}die dan vrij zijn (${listNames(p.available ?? [], 'nl')})`;
      const parts: string[] = [];
      if (p.excluded?.length) parts.push(`uitgesloten door de cliënt (${listNames(p.excluded, 'nl')})`);
      if (p.objected?.length) parts.push(`met een bezwaar tegen dit bezoek (${listNames(p.objected, 'nl')})`);
      return `${who}: ${parts.join(' of ')} (${windowOf(p, 'nl')})`;
    },
    en: (p) => {
      const who =
        (p.available ?? []).length === 1
          ? `the only caregiver ${skillsText(p, 'en')}free then (${listNames(p.available ?? [], 'en')})`
          : `the ${spell((p.available ?? []).length, 'en')} caregivers ${skillsText(p, 'en')}free then (${listNames(p.available ?? [], 'en')})`;
      const parts: string[] = [];
      if (p.excluded?.length) parts.push(`excluded by the client (${listNames(p.excluded, 'en')})`);
      if (p.objected?.length)
        parts.push(`an objection recorded against this visit (${listNames(p.objected, 'en')})`);
      return `${who}: ${parts.join(' or ')} (${windowOf(p, 'en')})`;
    },
  },
  'too-few-for-team-visit': {
    nl: (p) =>
      `vraagt ${spell(p.needed ?? 0, 'nl')} zorgverleners tegelijk, maar dan ${(p.free ?? []).length === 1 ? 'is' : 'zijn'} er maar ${spell((p.free ?? []).length, 'nl')} geschikt en beschikbaar (${listNames(p.free ?? [], 'nl')}) op ${windowOf(p, 'nl')}` +
      (p.excluded?.length ? `; uitgesloten door de cliënt: ${listNames(p.excluded, 'nl')}` : ''),
    en: (p) =>
      `needs ${spell(p.needed ?? 0, 'en')} caregivers together but only ${spell((p.free ?? []).length, 'en')} qualified caregiver${(p.free ?? []).length === 1 ? ' is' : 's are'} available then (${listNames(p.free ?? [], 'en')}) on ${windowOf(p, 'en')}` +
      (p.excluded?.length ? `; excluded by the client: ${listNames(p.excluded, 'en')}` : ''),
  },
  'stopped-early': {
    nl: (p) =>
      `nog niet ingepland: de planning stopte voordat dit bezoek aan de beurt was (${windowOf(p, 'nl')})`,
    en: (p) =>
      `not planned yet: the planning was stopped before this visit was placed (${windowOf(p, 'en')})`,
  },
  'no-common-moment': {
    nl: (p) =>
      `vraagt ${spell(p.needed ?? 0, 'nl')} zorgverleners tegelijk, maar de geschikte zorgverleners op ${windowOf(p, 'nl')} hebben geen gezamenlijk vrij moment (${obstacles(p, 'nl') || listNames(p.free ?? [], 'nl')})`,
    en: (p) =>
      `needs ${spell(p.needed ?? 0, 'en')} caregivers together, but no ${spell(p.needed ?? 0, 'en')} of the qualified caregivers free on ${windowOf(p, 'en')} have a common free moment (${obstacles(p, 'en') || listNames(p.free ?? [], 'en')})`,
  },
  'fully-booked': {
    nl: (p) => {
      const n = (p.free ?? []).length;
      return `${n === 1 ? 'de enige geschikte zorgverlener' : `de ${spell(n, 'nl')} geschikte zorgverleners`} op ${windowOf(p, 'nl')} ${n === 1 ? 'zit' : 'zitten'} vol of aan de grens (${obstacles(p, 'nl')})`;
    },
    en: (p) => {
      const n = (p.free ?? []).length;
      return `the ${n === 1 ? 'only' : spell(n, 'en')} qualified caregiver${n === 1 ? '' : 's'} available on ${windowOf(p, 'en')} ${n === 1 ? 'is' : 'are'} fully booked or at their limit (${obstacles(p, 'en')})`;
    },
  },
  claimed: {
    nl: (p) => (p.by ? `geclaimd door ${p.by}` : 'geclaimd'),
    en: (p) => (p.by ? `claimed by ${p.by}` : 'claimed'),
  },
  edited: {
    nl: (p) => (p.by ? `aangepast door ${p.by}` : 'aangepast'),
    en: (p) => (p.by ? `edited by ${p.by}` : 'edited'),
  },
  'taken-over': {
    nl: (p) => (p.by ? `overgenomen door ${p.by} (aanbod)` : 'overgenomen (aanbod)'),
    en: (p) => (p.by ? `taken over by ${p.by} (offer)` : 'taken over (offer)'),
  },
  swapped: { nl: () => 'geruild (aanbod aangenomen)', en: () => 'swapped (offer accepted)' },
  'not-planned-yet': { nl: () => 'nog niet ingepland', en: () => 'not planned yet' },
};

/** One reason in words; a critical visit that nobody could take says so first. */
export function renderRosterReason(reason: RosterReason, language: ReasonLanguage): string {
  const text = TEXTS[reason.code][language](reason.params, language);
  const prefixed =
    reason.params.caregiver && reason.code !== 'kept-away-by-rule'
      ? `${reason.params.caregiver}: ${text}`
      : text;
  if (!reason.params.critical) return prefixed;
  return language === 'nl'
    ? `onmisbaar bezoek niet ingepland: ${prefixed}`
    : `critical visit left out: ${prefixed}`;
}
