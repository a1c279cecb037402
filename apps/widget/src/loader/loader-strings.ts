/** The launcher's own words, in the locales the widget ships (the chat has the rest). */
const STRINGS = {
  en: { open: 'Open chat', close: 'Close chat', unread: 'unread', message: 'New message', chat: 'Chat' },
  pl: { open: 'Otwórz czat', close: 'Zamknij czat', unread: 'nieprzeczytane', message: 'Nowa wiadomość', chat: 'Czat' },
  ru: { open: 'Открыть чат', close: 'Закрыть чат', unread: 'непрочитанных', message: 'Новое сообщение', chat: 'Чат' },
  ro: { open: 'Deschide chatul', close: 'Închide chatul', unread: 'necitite', message: 'Mesaj nou', chat: 'Chat' },
} as const;

/** The launcher's strings. */
export type LoaderStrings = { readonly [K in keyof (typeof STRINGS)['en']]: string };

/**
 * The launcher's strings for a locale such as `pl-PL` (language part only), English otherwise.
 *
 * @example
 * loaderStrings('ro-RO').open; // 'Deschide chatul'
 */
export function loaderStrings(locale: string | undefined): LoaderStrings {
  const lang = (locale ?? '').slice(0, 2).toLowerCase();
  return lang in STRINGS ? STRINGS[lang as keyof typeof STRINGS] : STRINGS.en;
}
