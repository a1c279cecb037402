import { describe, expect, it } from 'vitest';
import { createTranslator, LOCALES, pickLocale } from './chat-i18n';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the widget’s languages', () => {
  it('ships English, Polish, Russian and Romanian with the same keys and placeholders', () => {
    expect(Object.keys(LOCALES).sort()).toEqual(['en', 'pl', 'ro', 'ru']);
    const keys = Object.keys(LOCALES.en).sort();
    for (const [locale, dict] of Object.entries(LOCALES)) {
      expect(Object.keys(dict).sort(), locale).toEqual(keys);
      for (const key of keys) {
        const text = dict[key as keyof typeof dict];
        expect(text.trim().length, `${locale}.${key}`).toBeGreaterThan(0);
        expect(placeholders(text), `${locale}.${key}`).toEqual(placeholders(LOCALES.en[key as keyof typeof LOCALES.en]));
      }
    }
    // Translated, not copied: most strings differ from English.
    for (const locale of ['pl', 'ru', 'ro'] as const) {
      const same = keys.filter((k) => LOCALES[locale][k as keyof typeof LOCALES.en] === LOCALES.en[k as keyof typeof LOCALES.en]);
      expect(same.length, `${locale}: ${same.join(', ')}`).toBeLessThan(4);
    }
  });

  it('picks the language of a tag, English when we do not have it', () => {
    expect(pickLocale('pl-PL')).toBe('pl');
    expect(pickLocale('RU')).toBe('ru');
    expect(pickLocale('ro')).toBe('ro');
    expect(pickLocale('de-DE')).toBe('en');
    expect(pickLocale(undefined)).toBe('en');
  });

  it('fills placeholders', () => {
    expect(createTranslator('ru')('typing', { name: 'Алекс' })).toBe('Алекс печатает…');
    expect(createTranslator('en')('replyIn', { n: 5 })).toBe('We usually reply within 5 min.');
    expect(createTranslator('ro').locale).toBe('ro');
  });
});
