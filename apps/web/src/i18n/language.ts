// Which language the app speaks: the person's own choice (remembered in this browser), otherwise
// the browser's languages (Dutch for nl*, English for en*), otherwise Dutch, the product's first.

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** localStorage key of the person's choice; it outlives the session (sessionStorage) on purpose. */
export const LANGUAGE_STORAGE_KEY = 'homecare.language';

/** BCP 47 tag for dates and numbers per language (both with a 24-hour clock and day-month order). */
export const LOCALES: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

/** What the API is asked to answer in (notifications, problem details), matching the page. */
export const ACCEPT_LANGUAGE: Record<Language, string> = {
  nl: 'nl-NL, nl;q=0.9, en;q=0.5',
  en: 'en-GB, en;q=0.9, nl;q=0.5',
};

export function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value);
}

/**
 * The language for a saved choice (or null) and the browser's preferred languages in order: the
 * first of those that is Dutch or English decides; none of them: Dutch.
 */
export function chooseLanguage(saved: string | null | undefined, browser: readonly string[]): Language {
  if (isLanguage(saved)) return saved;
  for (const tag of browser) {
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
    if (isLanguage(primary)) return primary;
  }
  return 'nl';
}
