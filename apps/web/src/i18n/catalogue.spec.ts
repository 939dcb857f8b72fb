// The Dutch and English catalogues side by side: the same keys, no empty text, the same
// placeholders; and the choice of language from a saved choice and the browser's languages.
import { en } from './en';
import { chooseLanguage } from './language';
import { nl } from './nl';
import openapi from '../api/openapi.json';

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('web catalogues', () => {
  const catalogues = { en, nl } as Record<string, Record<string, string>>;
  const keys = Object.keys(en).sort();

  it('have the same keys in Dutch and English', () => {
    expect(Object.keys(nl).sort()).toEqual(keys);
    expect(keys.length).toBeGreaterThan(350);
  });

  it.each(['en', 'nl'])('have no empty text in %s', (language) => {
    const empty = Object.entries(catalogues[language]).filter(([, text]) => text.trim() === '');
    expect(empty).toEqual([]);
  });

  it('have the same {placeholders} in both languages', () => {
    const different = keys
      .filter(
        (key) =>
          placeholders(en[key as keyof typeof en]).join() !== placeholders(nl[key as keyof typeof nl]).join(),
      )
      .map((key) => [key, en[key as keyof typeof en], nl[key as keyof typeof nl]]);
    expect(different).toEqual([]);
  });

  it('have only well-formed placeholders (no stray braces)', () => {
    const stray = Object.entries(catalogues)
      .flatMap(([language, texts]) =>
        Object.entries(texts).map(([key, text]) => [language, key, text.replace(/\{\w+\}/g, '')] as const),
      )
      .filter(([, , rest]) => /[{}]/.test(rest));
    expect(stray).toEqual([]);
  });

  it('translates texts into Dutch rather than copying the English', () => {
    // Texts that are the same in both (a placeholder, "km", "Open") are few; most must differ.
    const same = keys.filter((key) => en[key as keyof typeof en] === nl[key as keyof typeof nl]);
    expect(same.length).toBeLessThan(keys.length / 20);
  });
});

describe('refusals in plain words', () => {
  const codes = (
    openapi as unknown as {
      components: { schemas: { Problem: { properties: { code: { enum: string[] } } } } };
    }
  ).components.schemas.Problem.properties.code.enum;

  it('has a text for every rule-level code the API can answer, and none for a code it cannot', () => {
    expect(codes.length).toBeGreaterThan(50);
    const texts = Object.keys(en).filter((key) => key.startsWith('problem.'));
    expect(codes.map((code) => `problem.${code}`).filter((key) => !(key in en))).toEqual([]);
    expect(texts.filter((key) => !codes.includes(key.slice('problem.'.length)))).toEqual([]);
  });

  it('names no ids: the texts are the same for every plan, visit and person', () => {
    const withValues = Object.entries({ ...en, ...nl }).filter(
      ([key, text]) => key.startsWith('problem.') && /\{\w+\}/.test(text),
    );
    expect(withValues).toEqual([]);
  });
});

describe('chooseLanguage', () => {
  it('keeps the person’s own choice over the browser’s', () => {
    expect(chooseLanguage('en', ['nl-NL', 'nl'])).toBe('en');
    expect(chooseLanguage('nl', ['en-US'])).toBe('nl');
  });

  it('follows the first Dutch or English browser language', () => {
    expect(chooseLanguage(null, ['nl-NL'])).toBe('nl');
    expect(chooseLanguage(null, ['nl-BE', 'en-GB'])).toBe('nl');
    expect(chooseLanguage(null, ['en-US', 'nl'])).toBe('en');
    expect(chooseLanguage(null, ['de-DE', 'EN-gb'])).toBe('en');
  });

  it('speaks Dutch when nothing else decides, or the saved value is not a language of the app', () => {
    expect(chooseLanguage(null, [])).toBe('nl');
    expect(chooseLanguage(undefined, ['fr-FR', 'de'])).toBe('nl');
    expect(chooseLanguage('fr', ['tr'])).toBe('nl');
  });
});
