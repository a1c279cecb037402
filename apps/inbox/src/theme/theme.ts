import { useCallback, useSyncExternalStore } from 'react';

/** The agent's theme choice; `system` follows prefers-color-scheme. */
export type ThemeChoice = 'system' | 'light' | 'dark';

const KEY = 'switchboard.theme';
const listeners = new Set<() => void>();

function read(): ThemeChoice {
  try {
    const value = localStorage.getItem(KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

/**
 * Sets `data-theme` on <html> (the stylesheet's dark and light variables key off it; with no
 * attribute the media query decides). index.html runs the same before first paint.
 *
 * @example
 * applyTheme('dark');
 */
export function applyTheme(choice: ThemeChoice): void {
  if (choice === 'system') document.documentElement.removeAttribute('data-theme');
  else document.documentElement.setAttribute('data-theme', choice);
}

/**
 * The theme choice and its setter, stored in localStorage.
 *
 * @example
 * const [theme, setTheme] = useTheme();
 */
export function useTheme(): [ThemeChoice, (choice: ThemeChoice) => void] {
  const theme = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    read,
    read,
  );
  const set = useCallback((choice: ThemeChoice) => {
    try {
      if (choice === 'system') localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, choice);
    } catch {
      // not persisted; still applied
    }
    applyTheme(choice);
    for (const l of listeners) l();
  }, []);
  return [theme, set];
}
