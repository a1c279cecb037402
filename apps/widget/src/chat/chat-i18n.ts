import { en, type Dictionary } from './i18n/i18n-en';
import { pl } from './i18n/i18n-pl';
import { ro } from './i18n/i18n-ro';
import { ru } from './i18n/i18n-ru';

/** The locales the widget ships. */
export const LOCALES = { en, pl, ru, ro } as const;
export type Locale = keyof typeof LOCALES;

/** A translator for one locale. */
export type Translate = ((key: keyof Dictionary, values?: Record<string, string | number>) => string) & { locale: Locale };

/**
 * The shipped locale for a tag such as `pl-PL` (its language), English when we have none.
 *
 * @example
 * pickLocale('ru-RU'); // 'ru'
 */
export function pickLocale(tag: string | null | undefined): Locale {
  const lang = (tag ?? '').slice(0, 2).toLowerCase();
  return lang in LOCALES ? (lang as Locale) : 'en';
}

/**
 * A translator: `t('typing', { name: 'Alex' })` → "Alex is typing…". Unknown placeholders stay
 * visible rather than vanish, so a missing value shows in review.
 *
 * @example
 * const t = createTranslator('pl');
 * t('send'); // 'Wyślij'
 */
export function createTranslator(locale: Locale): Translate {
  const dict: Dictionary = LOCALES[locale];
  const t = ((key, values) => dict[key].replace(/\{(\w+)\}/g, (m, name: string) => String(values?.[name] ?? m))) as Translate;
  t.locale = locale;
  return t;
}
