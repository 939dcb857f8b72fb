import type { NotificationKind } from '@homecare/database';

import { type Language } from '../shared';

export { LANGUAGES, languageOf, type Language } from '../shared';

type Params = Record<string, string | number>;

/** `at` (an ISO instant) as a weekday, date and time in `zone`, in words of the language. */
function when(params: Params, language: Language): string {
  const at = new Date(String(params.at));
  if (Number.isNaN(at.getTime())) return '';
  return new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: String(params.zone ?? 'UTC'),
  }).format(at);
}

/** A period (`start/end`, two dates) in words: "7 – 13 december", no ISO dates. */
function period(params: Params, language: Language): string {
  const [start, end] = String(params.period ?? '').split('/');
  const first = new Date(`${start}T12:00:00Z`);
  const last = new Date(`${end ?? start}T12:00:00Z`);
  if (Number.isNaN(first.getTime()) || Number.isNaN(last.getTime())) return '';
  return new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).formatRange(first, last);
}

/** The deadline (`deadline`, an ISO instant) as a time, when there is one. */
function deadline(params: Params, language: Language): string {
  return params.deadline ? when({ at: params.deadline, zone: params.zone ?? 'UTC' }, language) : '';
}

/** "2 added, 1 moved" of a caregiver's own visits, leaving out what did not happen. */
function counts(params: Params, language: Language): string {
  const words =
    language === 'nl'
      ? { added: 'erbij', moved: 'verplaatst', removed: 'eraf' }
      : { added: 'added', moved: 'moved', removed: 'taken away' };
  const parts = (['added', 'moved', 'removed'] as const)
    .filter((key) => Number(params[key] ?? 0) > 0)
    .map((key) => `${Number(params[key])} ${words[key]}`);
  return parts.join(', ');
}

const visits = (n: number, language: Language): string =>
  language === 'nl' ? (n === 1 ? '1 bezoek' : `${n} bezoeken`) : n === 1 ? '1 visit' : `${n} visits`;

const TEXTS: Record<NotificationKind, Record<Language, (params: Params, count: number) => string>> = {
  'visit.moved': {
    nl: (params, count) =>
      count > 1
        ? `${count} bezoeken zijn verplaatst. Het laatste: nu ${when(params, 'nl')}.`
        : `Een bezoek is verplaatst: nu ${when(params, 'nl')}.`,
    en: (params, count) =>
      count > 1
        ? `${count} visits have moved. The latest: now ${when(params, 'en')}.`
        : `A visit has moved: now ${when(params, 'en')}.`,
  },
  'visit.cancelled': {
    nl: (params, count) =>
      count > 1
        ? `${count} bezoeken gaan niet door. Het laatste: ${when(params, 'nl')}.`
        : `Het bezoek van ${when(params, 'nl')} gaat niet door.`,
    en: (params, count) =>
      count > 1
        ? `${count} visits are cancelled. The latest: ${when(params, 'en')}.`
        : `The visit of ${when(params, 'en')} is cancelled.`,
  },
  'visit.unstaffed': {
    nl: (params, count) =>
      count > 1
        ? `Voor ${count} bezoeken is nog niemand ingepland. Het team weet het.`
        : `Voor het bezoek van ${when(params, 'nl')} is nog niemand ingepland. Het team weet het.`,
    en: (params, count) =>
      count > 1
        ? `No one is planned yet for ${count} visits. The team has been told.`
        : `No one is planned yet for the visit of ${when(params, 'en')}. The team has been told.`,
  },
  'plan.review-opened': {
    nl: (params) =>
      `Het rooster van ${period(params, 'nl')} staat klaar. Bekijk het en geef je akkoord` +
      (params.deadline ? ` vóór ${deadline(params, 'nl')}.` : '.'),
    en: (params) =>
      `The roster for ${period(params, 'en')} is ready. Look at it and give your consent` +
      (params.deadline ? ` before ${deadline(params, 'en')}.` : '.'),
  },
  'plan.review-deadline': {
    nl: (params) =>
      `Nog even: geef vóór ${deadline(params, 'nl')} je akkoord op het rooster van ${period(params, 'nl')}. Zeg je niets, dan telt dat als akkoord.`,
    en: (params) =>
      `Not long now: give your consent to the roster for ${period(params, 'en')} before ${deadline(params, 'en')}. If you say nothing, that counts as consent.`,
  },
  'plan.published': {
    nl: (params) =>
      `Het rooster van ${period(params, 'nl')} is definitief. Jij hebt ${visits(Number(params.visits ?? 0), 'nl')}.` +
      (Number(params.unstaffed ?? 0) > 0
        ? ` Voor ${visits(Number(params.unstaffed), 'nl')} is nog niemand ingepland.`
        : ''),
    en: (params) =>
      `The roster for ${period(params, 'en')} is final. You have ${visits(Number(params.visits ?? 0), 'en')}.` +
      (Number(params.unstaffed ?? 0) > 0
        ? ` No one is planned yet for ${visits(Number(params.unstaffed), 'en')}.`
        : ''),
  },
  'plan.visits-changed': {
    nl: (params, count) =>
      `Je bezoeken in het rooster van ${period(params, 'nl')} zijn veranderd` +
      (count > 1 ? ` (${count} keer). De laatste keer: ` : ': ') +
      `${counts(params, 'nl')}.`,
    en: (params, count) =>
      `Your visits in the roster for ${period(params, 'en')} have changed` +
      (count > 1 ? ` (${count} times). The latest change: ` : ': ') +
      `${counts(params, 'en')}.`,
  },
  'plan.amendment-to-confirm': {
    nl: (params, count) =>
      (count > 1 ? `${count} wijzigingen` : 'Een wijziging') +
      ` van het rooster van ${period(params, 'nl')} raakt jouw bezoeken (${counts(params, 'nl')}). Bevestig dat je het gezien hebt.`,
    en: (params, count) =>
      (count > 1 ? `${count} changes` : 'A change') +
      ` to the roster for ${period(params, 'en')} ${count > 1 ? 'touch' : 'touches'} your visits (${counts(params, 'en')}). Please confirm you have seen it.`,
  },
  'plan.absence-reported': {
    nl: (params) =>
      `Een collega heeft je afwezig gemeld van ${when({ ...params, at: params.from }, 'nl')} tot ${when({ ...params, at: params.to }, 'nl')}. Het rooster wordt daarop aangepast; klopt het niet, neem dan contact op met je coördinator.`,
    en: (params) =>
      `A colleague has reported you absent from ${when({ ...params, at: params.from }, 'en')} to ${when({ ...params, at: params.to }, 'en')}. The roster is being changed around it; if that is not right, contact your coordinator.`,
  },
  'plan.objection': {
    nl: (params, count) =>
      count > 1
        ? `Er zijn ${count} bezwaren tegen bezoeken die voor jou gepland zijn. Het laatste: ${when(params, 'nl')}.`
        : `Een collega heeft bezwaar tegen het bezoek van ${when(params, 'nl')}, dat ook voor jou gepland is.`,
    en: (params, count) =>
      count > 1
        ? `There are ${count} objections to visits planned for you. The latest: ${when(params, 'en')}.`
        : `A colleague objects to the visit of ${when(params, 'en')}, which is also planned for you.`,
  },
  'plan.objection-resolved': {
    nl: (params, count) =>
      count > 1
        ? `${count} van je bezwaren zijn opgelost in het rooster van ${period(params, 'nl')}.`
        : `Je bezwaar tegen het bezoek van ${when(params, 'nl')} is opgelost: het is niet meer voor jou gepland.`,
    en: (params, count) =>
      count > 1
        ? `${count} of your objections are resolved in the roster for ${period(params, 'en')}.`
        : `Your objection to the visit of ${when(params, 'en')} is resolved: it is no longer planned for you.`,
  },
  'plan.offer': {
    nl: (params, count) =>
      count > 1
        ? `Collega's bieden je ${count} bezoeken aan. Het laatste: ${when(params, 'nl')}.`
        : Number(params.swap ?? 0) > 0
          ? `Een collega wil het bezoek van ${when(params, 'nl')} met je ruilen.`
          : `Een collega biedt je het bezoek van ${when(params, 'nl')} aan.`,
    en: (params, count) =>
      count > 1
        ? `Colleagues offer you ${count} visits. The latest: ${when(params, 'en')}.`
        : Number(params.swap ?? 0) > 0
          ? `A colleague would like to swap the visit of ${when(params, 'en')} with you.`
          : `A colleague offers you the visit of ${when(params, 'en')}.`,
  },
  // A caregiver on the way tells the family and the team: a plain sentence, the newest delay.
  'visit.running-late': {
    nl: (params) =>
      `${params.name ? String(params.name) : 'De zorgverlener'} is ongeveer ${Number(params.minutes ?? 0)} minuten later voor het bezoek van ${when(params, 'nl')}.`,
    en: (params) =>
      `${params.name ? String(params.name) : 'The caregiver'} is running about ${Number(params.minutes ?? 0)} minutes late for the visit of ${when(params, 'en')}.`,
  },
  'payroll.period-ready': {
    nl: (params) => `De uren van ${period(params, 'nl')} zijn klaar om goed te keuren.`,
    en: (params) => `The hours for ${period(params, 'en')} are ready to approve.`,
  },
};

/** The text of a message for people, in their language. */
export function renderNotification(
  kind: NotificationKind,
  params: Params,
  count: number,
  language: Language,
): string {
  return TEXTS[kind][language](params, count);
}
