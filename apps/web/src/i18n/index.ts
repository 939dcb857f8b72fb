import { en } from './en';
import { nl } from './nl';
import { ACCEPT_LANGUAGE, chooseLanguage, LANGUAGE_STORAGE_KEY, LOCALES, type Language } from './language';

export type { Language } from './language';
export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

const catalogues: Record<Language, Messages> = { nl, en };

function savedChoice(): string | null {
  try {
    return globalThis.localStorage?.getItem(LANGUAGE_STORAGE_KEY) ?? null;
  } catch {
    // Storage refused (privacy settings): the browser's language decides.
    return null;
  }
}

/** The language of this page load: the person's choice, else the browser's languages, else Dutch. */
export const language: Language = chooseLanguage(
  savedChoice(),
  globalThis.navigator?.languages ?? (globalThis.navigator?.language ? [globalThis.navigator.language] : []),
);

const messages: Messages = catalogues[language];

/** BCP 47 tag for dates and numbers: nl-NL or en-GB (both a 24-hour clock and day-month order). */
export const locale = LOCALES[language];

/** The Accept-Language the API is sent, so that its texts match the page's. */
export const acceptLanguage = ACCEPT_LANGUAGE[language];

if (globalThis.document) globalThis.document.documentElement.lang = language;

/**
 * Remembers the person's choice and reloads the page in it: every text and every date and number
 * format is then in the new language (the session survives: it is kept in sessionStorage).
 */
export function chooseLanguageAndReload(next: Language): void {
  try {
    globalThis.localStorage?.setItem(LANGUAGE_STORAGE_KEY, next);
  } catch {
    // Not remembered; the reload then falls back to the browser's language.
  }
  globalThis.location.reload();
}

/** The text for `key`, with `{name}` placeholders filled from `values`. */
export function t(key: MessageKey, values: Record<string, string | number> = {}): string {
  return messages[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** Whether the catalogue has a text for `key` (for keys made from a code the API sent). */
export function hasMessage(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(messages, key);
}
