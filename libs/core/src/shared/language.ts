import { AsyncLocalStorage } from 'node:async_hooks';

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

// The language of the request being answered, set once at the edge (the API's middleware) so that
// the views that word server texts (engine reasons, change notes) need no parameter for it.
const requestLanguages = new AsyncLocalStorage<Language>();

/** Runs `next` (the rest of a request) in a language. */
export function inLanguage<T>(language: Language, next: () => T): T {
  return requestLanguages.run(language, next);
}

/** The language of the request under way; Dutch outside a request. */
export function requestLanguage(): Language {
  return requestLanguages.getStore() ?? 'nl';
}
