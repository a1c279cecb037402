import { statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';

/**
 * Saves a docs screenshot of the page as `<dir>/<name>` — no animations, no caret — and says so
 * on stderr with its size. Shared by the inbox's and the widget's screenshot scripts.
 *
 * @example
 * await saveScreenshot(page, OUT_DIR, 'inbox-desktop.png');
 */
export async function saveScreenshot(page: Page, dir: string, name: string): Promise<void> {
  const path = join(dir, name);
  await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
  console.error(`screenshots: ${relative(process.cwd(), path)} (${Math.round(statSync(path).size / 1024)} KB)`);
}
