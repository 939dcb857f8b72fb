import type { NotificationKind } from '@homecare/database';

/** The languages the product speaks: Dutch first, English second. */
export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * The first language of an Accept-Language header the product speaks, else Dutch (its first
 * users are Dutch teams). Quality values are honoured: `en;q=0.9, nl;q=0.8` is English.
 */
export function languageOf(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return 'nl';
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag, ...rest] = part.trim().split(';');
      const quality = Number(
        rest
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? '1',
      );
      return { tag: tag.trim().toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.tag && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranked) {
    const base = tag.split('-')[0];
    if ((LANGUAGES as readonly string[]).includes(base)) return base as Language;
  }
  return 'nl';
}

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
  'plan.review-opened': {
    nl: (params) => `Het rooster van ${String(params.period)} staat klaar. Bekijk het en geef je akkoord.`,
    en: (params) => `The roster for ${String(params.period)} is ready. Look at it and give your consent.`,
  },
  'plan.published': {
    nl: (params) => `Het rooster van ${String(params.period)} is definitief.`,
    en: (params) => `The roster for ${String(params.period)} is final.`,
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
